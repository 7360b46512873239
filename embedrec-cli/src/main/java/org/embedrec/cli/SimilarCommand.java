package org.embedrec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.ItemSimilarity;
import org.embedrec.model.Recommender;
import org.embedrec.model.ScoredItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embedrec similar}: nearest items by cosine similarity of item embeddings. */
@Command(name = "similar", description = "List the items most similar to one item (cosine similarity of embeddings).")
final class SimilarCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file")
    java.nio.file.Path model;

    @Option(names = {"-i", "--item"}, paramLabel = "ID|TITLE", required = true,
            description = "an item id or a title fragment, e.g. \"Alien\"")
    String item;

    @Mixin
    ListingFlags listing;

    @Override
    public Integer call() throws Exception {
        int count = listing.count();
        ItemSimilarity loaded = similarity(ModelFiles.load(model), model);
        int query = ItemQuery.resolve(loaded.catalog(), item, System.out);
        if (!loaded.isKnownItem(query)) {
            throw new IllegalArgumentException("item " + loaded.items().id(query) + " (" + loaded.catalog().title(query)
                    + ") has no training ratings: its embedding was never trained");
        }
        print(loaded, query, count, listing.minRatings, System.out);
        return 0;
    }

    static void print(ItemSimilarity model, int item, int count, int minRatings, java.io.PrintStream out) {
        List<ScoredItem> similar = model.similarItems(item, count, other -> model.itemTrainCount(other) < minRatings);
        out.printf("items most similar to %s (id %s):%n", model.catalog().title(item), model.items().id(item));
        out.print(ItemTable.of(model.catalog(), similar, ItemTable.Score.COSINE));
    }

    /** The model as one that compares items, or a clear error for kinds that cannot. */
    static ItemSimilarity similarity(Recommender model, java.nio.file.Path file) {
        if (model instanceof ItemSimilarity similarity) {
            return similarity;
        }
        throw new IllegalArgumentException(file + " is a " + model.info().kind() + " model, which cannot compare items");
    }
}
