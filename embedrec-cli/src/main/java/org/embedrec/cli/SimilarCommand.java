package org.embedrec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.MatrixFactorizationModel;
import org.embedrec.model.ScoredItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code embedrec similar}: nearest items by cosine similarity of item embeddings. */
@Command(name = "similar", description = "List the items most similar to one item (cosine similarity of embeddings).")
final class SimilarCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file")
    java.nio.file.Path model;

    @Option(names = {"-i", "--item"}, paramLabel = "ID|TITLE", required = true,
            description = "an item id or a title fragment, e.g. \"Alien\"")
    String item;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10", description = "how many items (default ${DEFAULT-VALUE})")
    int count;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1, got " + count);
        }
        MatrixFactorizationModel loaded = ModelFiles.load(model, MatrixFactorizationModel.class);
        int query = ItemQuery.resolve(loaded.catalog(), item);
        List<ScoredItem> similar = loaded.similarItems(query, count);
        System.out.printf("items most similar to %s (id %s):%n", loaded.catalog().title(query), loaded.items().id(query));
        System.out.print(Listing.items(loaded.catalog(), similar, "cosine"));
        return 0;
    }
}
