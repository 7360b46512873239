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
        int i = ItemQuery.resolve(loaded.catalog(), item);
        System.out.printf(Locale.ROOT, "user %s, item %s (%s): predicted rating %.3f%n", user, loaded.items().id(i),
                loaded.catalog().title(i), loaded.predict(u, i));
        if (!loaded.isKnownItem(i)) {
            System.out.println("note: the item has no training ratings, so the model knows nothing of it");
        }
        return 0;
    }
}
