package org.embedrec.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.Recommender;

/**
 * A model file opened for the {@code analyze} commands, of any kind, with the training rating count
 * per item (what {@code --min-ratings} filters on) and the training history when the file has them.
 *
 * @param itemCounts training ratings per item
 * @param history the recorded epochs, empty when unknown
 */
record AnalysisTarget(Recommender model, int[] itemCounts, List<EpochRecord> history) {

    static AnalysisTarget load(Path file) throws IOException {
        Recommender model = ModelFiles.load(file);
        return new AnalysisTarget(model, model.trainingFacts().itemTrainCounts(), model.info().history());
    }

    /** The model as an embedding model, or a clear error naming the analysis that needs one. */
    EmbeddingModel embeddings(String analysis) {
        if (model instanceof EmbeddingModel embedding) {
            return embedding;
        }
        throw new IllegalArgumentException(analysis + " needs item vectors, and a " + model.info().kind() + " model has none");
    }
}
