package org.embedrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.SplitSpec;
import org.embedrec.io.DataSpec;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.Recommender;

/**
 * A loaded model file and, when it can be found, the data it was trained on with the same split
 * rebuilt: what {@code evaluate}, {@code recommend} and {@code predict} need to know which ratings
 * a user already has and which ones are test ratings.
 */
record ModelContext(Recommender model, Dataset data, TrainingData parts) {

    /**
     * Loads the model; loads its data from {@code source}, else from the source recorded at training
     * (see {@link ModelOpener}), and rebuilds the recorded split.
     *
     * @param source the data given on the command line, or null
     * @throws IllegalArgumentException if the data found holds other user or item ids than the model
     */
    static ModelContext load(Path modelFile, DataSpec source, PrintStream out) throws IOException {
        ModelOpener.OpenedModel opened = new ModelOpener(out).open(modelFile, source, ModelOpener.OnOtherData.FAIL);
        Recommender model = opened.model();
        if (!opened.hasData()) {
            return new ModelContext(model, null, null);
        }
        return new ModelContext(model, opened.data(), TrainingData.rebuild(opened.data(), opened.source(),
                model.info(), out));
    }

    /** The model's catalog (titles, genres, years). */
    ItemCatalog catalog() {
        return model.catalog();
    }

    /** Whether the training data could be found. */
    boolean hasData() {
        return parts != null;
    }

    /** The dense index of user {@code id}, or a clear error. */
    int user(String id) {
        return userIndex(model, id);
    }

    /** The dense index of user {@code id} in {@code model}, or a clear error. */
    static int userIndex(Recommender model, String id) {
        int user = model.users().tryIndex(id);
        if (user < 0) {
            throw new IllegalArgumentException("unknown user '" + id + "': the model knows " + model.users().size()
                    + " users, with ids such as " + model.users().id(0) + " .. "
                    + model.users().id(model.users().size() - 1));
        }
        return user;
    }
}
