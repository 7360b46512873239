package org.embedrec.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.embedrec.ann.HnswOptions;
import org.embedrec.io.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code embedrec index}: builds the HNSW index of a dot-product model's items and saves it beside
 * the model file, for {@code serve --index hnsw} (which also builds it on first use).
 */
@Command(name = "index", description = "Build the HNSW index of a model's items (approximate top-N for large catalogues)"
        + " and save it beside the model file as FILE.hnsw, for serve --index hnsw.")
final class IndexCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file")
    Path model;

    @Option(names = "--links", paramLabel = "M", defaultValue = "32",
            description = "links per node, twice as many on the bottom layer (default ${DEFAULT-VALUE}): more raise recall and memory")
    int links;

    @Option(names = "--ef-construction", paramLabel = "EF", defaultValue = "100",
            description = "candidates kept while linking (default ${DEFAULT-VALUE}): higher builds a better graph, slower")
    int efConstruction;

    @Option(names = "--ef-search", paramLabel = "EF", defaultValue = "40",
            description = "candidates kept per query (default ${DEFAULT-VALUE}): the recall/latency trade-off")
    int efSearch;

    @Option(names = "--no-similar", description = "index recommendations only, not similar items (half the build time and memory)")
    boolean noSimilar;

    @Override
    public Integer call() throws Exception {
        HnswOptions options = new HnswOptions(links, efConstruction, efSearch, HnswOptions.DEFAULTS.seed());
        IndexFiles.build(model, IndexFiles.dotProduct(ModelFiles.load(model), model), options, !noSimilar, System.out);
        return 0;
    }
}
