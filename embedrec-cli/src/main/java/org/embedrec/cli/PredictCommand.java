package org.embedrec.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.Recommender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code embedrec predict}: the predicted rating of one user for one item. */
@Command(name = "predict", description = "Predict the rating a user would give an item.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file")
    java.nio.file.Path model;

    @Option(names = {"-u", "--user"}, paramLabel = "ID", required = true, description = "the user's id")
    String user;

    @Option(names = {"-i", "--item"}, paramLabel = "ID|TITLE", required = true, description = "an item id or title fragment")
    String item;

    @Override
    public Integer call() throws Exception {
        Recommender loaded = ModelFiles.load(model);
        int u = ModelContext.userIndex(loaded, user);
        int i = ItemQuery.resolve(loaded.catalog(), item, System.out);
        if (!loaded.isKnownItem(i)) {
            // The same rule as similar, fold-in and the server: no trained vector, no score.
            throw new IllegalArgumentException("item " + loaded.items().id(i) + " (" + loaded.catalog().title(i)
                    + ") has no training ratings: the model has no vector for it, so it cannot predict a rating");
        }
        // A ranking model's score orders items for one user; calling it a rating would mislead.
        String what = loaded.predictsRatings() ? "predicted rating" : "ranking score (not a rating)";
        System.out.printf(Locale.ROOT, "user %s, item %s (%s): %s %.3f%n", user, loaded.items().id(i),
                loaded.catalog().title(i), what, loaded.predict(u, i));
        return 0;
    }
}
