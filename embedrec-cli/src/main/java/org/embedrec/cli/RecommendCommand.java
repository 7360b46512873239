package org.embedrec.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedrec.data.UserRatings;
import org.embedrec.model.Recommender;
import org.embedrec.model.ScoredItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embedrec recommend}: what a user rated highest, then the best unseen items. */
@Command(name = "recommend", description = "Show what a user rated highest, then the top N items they have not rated.")
final class RecommendCommand implements Callable<Integer> {
    @Mixin
    ModelFlags flags;

    @Option(names = {"-u", "--user"}, paramLabel = "ID", required = true, description = "the user's id")
    String user;

    @Mixin
    ListingFlags listing;

    @Override
    public Integer call() throws Exception {
        int count = listing.count();
        ModelContext context = ModelContext.load(flags.model, flags.dataSpec(), System.out);
        print(context, user, count, listing.minRatings, System.out);
        return 0;
    }

    /** Prints what {@code user} rated highest (when the data is known), then the top {@code count} unseen items. */
    static void print(ModelContext context, String user, int count, int minRatings, java.io.PrintStream out) {
        int u = context.user(user);
        boolean[] seen = new boolean[context.model().items().size()];
        if (context.hasData()) {
            List<String> attributes = context.data().users().of(user);
            if (!attributes.isEmpty()) {
                out.printf(Locale.ROOT, "user %s: %s%n", user, String.join(", ", attributes));
            }
            UserRatings byUser = context.parts().all().byUser();
            List<ScoredItem> rated = new ArrayList<>();
            for (int k = byUser.start(u); k < byUser.end(u); k++) {
                int row = byUser.row(k);
                int item = context.parts().all().item(row);
                seen[item] = true;
                rated.add(new ScoredItem(item, context.parts().all().rating(row)));
            }
            rated.sort(Comparator.comparingDouble(ScoredItem::score).reversed().thenComparingInt(ScoredItem::item));
            out.printf(Locale.ROOT, "user %s rated %d items in the training data; the highest:%n", user, rated.size());
            out.print(ItemTable.of(context.catalog(), rated.subList(0, Math.min(count, rated.size())), ItemTable.Score.RATING));
        } else {
            out.println("warning: training data not found (pass --data DIR): recommendations may include items the user already rated");
        }
        Recommender model = context.model();
        List<ScoredItem> recommendations = model.recommend(u, count,
                item -> seen[item] || model.itemTrainCount(item) < minRatings);
        out.printf(Locale.ROOT, "%ntop %d recommendations for user %s:%n", recommendations.size(), user);
        out.print(ItemTable.of(context.catalog(), recommendations, model.predictsRatings() ? ItemTable.Score.PREDICTED_RATING : ItemTable.Score.RANKING_SCORE));
    }
}
