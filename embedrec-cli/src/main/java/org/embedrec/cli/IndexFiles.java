package org.embedrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.embedrec.ann.HnswOptions;
import org.embedrec.ann.ItemIndex;
import org.embedrec.io.AtomicFiles;
import org.embedrec.model.DotProductModel;
import org.embedrec.model.Recommender;

/** The HNSW index file beside a model file ({@link ItemIndex#fileFor}): built and saved, or loaded. */
final class IndexFiles {
    private IndexFiles() {
    }

    /** The model as a dot-product model, or a clear error naming the file and its kind. */
    static DotProductModel dotProduct(Recommender model, Path file) {
        if (model instanceof DotProductModel dotProduct) {
            return dotProduct;
        }
        throw new IllegalArgumentException(file + " is a " + model.info().kind() + " model, which has no dot-product"
                + " item vectors to index: HNSW serves matrix factorization, BPR, iALS, ALS-WR, BPMF and SVD++ models");
    }

    /** Builds the index of {@code model} (from {@code modelFile}) and saves it beside the file, reporting on {@code out}. */
    static ItemIndex build(Path modelFile, DotProductModel model, HnswOptions options, boolean similarItems,
            PrintStream out) throws IOException {
        Path file = ItemIndex.fileFor(modelFile);
        AtomicFiles.checkWritable(file);
        long start = System.nanoTime();
        ItemIndex index = ItemIndex.build(model, options, similarItems);
        double seconds = (System.nanoTime() - start) / 1e9;
        index.save(file);
        out.printf(Locale.ROOT, "HNSW index of %,d items (m = %d, efConstruction = %d%s) built in %.1f s, %.0f MB in"
                + " memory, saved to %s (%.0f MB)%n", index.indexedItems(), options.m(), options.efConstruction(),
                similarItems ? ", with similar items" : "", seconds, index.memoryBytes() / 1e6, file, Files.size(file) / 1e6);
        return index;
    }

    /**
     * The index beside {@code modelFile}: loaded if it is there and was built from this model, else
     * built with the default options (including similar items) and saved, with a warning when a
     * stale index is replaced. A corrupt index file is an error naming it, never silently replaced.
     */
    static ItemIndex openOrBuild(Path modelFile, DotProductModel model, PrintStream out) throws IOException {
        Path file = ItemIndex.fileFor(modelFile);
        if (Files.exists(file)) {
            try {
                long start = System.nanoTime();
                ItemIndex index = ItemIndex.load(file, model);
                out.printf(Locale.ROOT, "HNSW index %s: %,d items, loaded in %.1f s%n", file, index.indexedItems(),
                        (System.nanoTime() - start) / 1e9);
                return index;
            } catch (ItemIndex.StaleIndexException e) {
                out.println("warning: " + e.getMessage() + "; rebuilding it");
            }
        } else {
            out.println("no HNSW index beside " + modelFile + " yet: building " + file);
        }
        return build(modelFile, model, HnswOptions.DEFAULTS, true, out);
    }
}
