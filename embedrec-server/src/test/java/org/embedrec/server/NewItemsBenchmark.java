package org.embedrec.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.family.ials.IalsModel;
import org.embedrec.family.ials.IalsTrainer;
import org.embedrec.server.live.Batch;
import org.embedrec.server.live.Interaction;
import org.embedrec.server.live.LogInteractionStore;

/**
 * What new items cost (docs/BENCHMARKS.md, "New items"): on a 64-dimension iALS model of 6,000
 * users and 2,000 items (planted: 20 categories, each user rating about 4% of the items, mostly of
 * their category), the item solve for 20 and 1,000 raters; the start-up build of the overlay from a
 * write-ahead log in {@code args[0]} holding {@code NEW_ITEMS} new items of 20 raters each; and a
 * trained user's recommendations in the service (no HTTP), without and with those items beside the
 * model. One thread. Not a test: run by hand.
 */
public final class NewItemsBenchmark {
    private static final int USERS = 6000;
    private static final int CATEGORIES = 20;
    private static final int PER_CATEGORY = 100;
    private static final int DIMENSIONS = 64;
    private static final int NEW_ITEMS = 1000;
    private static final int RATERS = 20;

    private NewItemsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/new-items-bench")),
                "log-");
        ServedModel served = plantedModel();
        IalsModel model = (IalsModel) served.model();
        SplittableRandom random = new SplittableRandom(5);
        for (int raters : new int[] {RATERS, 1000}) {
            int[] users = random.ints(0, USERS).distinct().limit(raters).toArray();
            float[] ratings = new float[raters];
            Arrays.fill(ratings, 5f);
            double sink = 0;
            for (int k = 0; k < 2000; k++) {
                sink += model.foldInItem(users, ratings).factors()[0];
            }
            int calls = raters == RATERS ? 20000 : 2000;
            long start = System.nanoTime();
            for (int k = 0; k < calls; k++) {
                sink += model.foldInItem(users, ratings).factors()[0];
            }
            System.out.printf(Locale.ROOT, "item solve, %d raters: %.1f µs per item (%s)%n", raters,
                    (System.nanoTime() - start) / 1e3 / calls, sink == 0 ? "0" : "ok");
        }

        Listing listing = new Listing(10, true, null, 0, false);
        try (LogInteractionStore empty = LogInteractionStore.open(dir.resolve("empty"))) {
            RecommendationService service = new RecommendationService(List.of(served), null, empty);
            System.out.printf(Locale.ROOT, "recommendations, no new items: %.1f µs per request%n",
                    recommendationMicros(service, served, listing));
        }
        try (LogInteractionStore store = LogInteractionStore.open(dir.resolve("new-items"))) {
            for (int item = 0; item < NEW_ITEMS; item++) {
                List<Interaction> batch = new ArrayList<>();
                // Raters from the first half: the users asked for below (second half) have nothing stored.
                for (int user : random.ints(0, USERS / 2).distinct().limit(RATERS).toArray()) {
                    batch.add(new Interaction("u" + user, "new" + item, 5f, null, null, 0));
                }
                String key = "new" + item;
                store.append(new Batch(key, key.getBytes(StandardCharsets.UTF_8), batch));
            }
        }
        try (LogInteractionStore store = LogInteractionStore.open(dir.resolve("new-items"))) {
            long start = System.nanoTime();
            RecommendationService service = new RecommendationService(List.of(served), null, store);
            System.out.printf(Locale.ROOT, "overlay build at start-up, %d new items of %d raters: %.0f ms%n", NEW_ITEMS,
                    RATERS, (System.nanoTime() - start) / 1e6);
            System.out.printf(Locale.ROOT, "recommendations, %d new items: %.1f µs per request%n", NEW_ITEMS,
                    recommendationMicros(service, served, listing));
        }
    }

    /**
     * Mean time of a trained user's top 10, for the users of the second half in turn (none has stored
     * interactions), after as many requests of warm-up.
     */
    private static double recommendationMicros(RecommendationService service, ServedModel served, Listing listing) {
        int requests = 20000;
        int listed = 0;
        for (int k = 0; k < requests; k++) {
            listed += service.recommendForUser(served, "u" + (USERS / 2 + k % (USERS / 2)), listing).items().size();
        }
        long start = System.nanoTime();
        for (int k = 0; k < requests; k++) {
            listed += service.recommendForUser(served, "u" + (USERS / 2 + k % (USERS / 2)), listing).items().size();
        }
        double micros = (System.nanoTime() - start) / 1e3 / requests;
        if (listed != 2 * requests * listing.n()) {
            throw new IllegalStateException("expected full lists, got " + listed + " items");
        }
        return micros;
    }

    private static ServedModel plantedModel() {
        SplittableRandom random = new SplittableRandom(31);
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        for (int item = 0; item < CATEGORIES * PER_CATEGORY; item++) {
            catalog.add("m" + item, "Movie " + item, 2001, List.of("Category " + item / PER_CATEGORY));
        }
        ItemCatalog items = catalog.build();
        List<String> users = new ArrayList<>();
        Ratings.Builder ratings = Ratings.builder();
        for (int user = 0; user < USERS; user++) {
            users.add("u" + user);
            for (int item = 0; item < items.size(); item++) {
                boolean own = item / PER_CATEGORY == user % CATEGORIES;
                if (random.nextDouble() < (own ? 0.3 : 0.025)) {
                    ratings.add(user, item, own ? 4 + random.nextInt(2) : 1 + random.nextInt(5), 0);
                }
            }
        }
        Ratings history = ratings.build(IdIndex.of(users), items.items());
        IalsModel model = new IalsTrainer(IalsTrainer.Options.defaults().withDimensions(DIMENSIONS).withEpochs(5)
                .withSeed(3).withThreads(2)).fit(history, items);
        return ServedModel.of("ials", model, model.info(), history);
    }
}
