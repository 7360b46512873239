package org.embedrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.Recommender;

/**
 * Opens model files together with the data they were trained on: the one place that finds that data
 * again (a {@code --data} folder, else the folder recorded in the model's provenance) and checks that
 * it is the model's. Each model file is read once, and each data folder once however many models
 * share it; what is loaded is reported on {@code out}.
 */
final class ModelOpener {
    /** What to do when the data found holds other user or item ids than the model. */
    enum OnOtherData {
        /** Fail with a message naming both: the command cannot do without the right data. */
        FAIL,
        /** Warn on {@code out} and go on without data. */
        WARN
    }

    /**
     * A model file's model, and its training data set when found.
     *
     * @param dataDir the data folder given or recorded (whether or not it held the model's data), or
     *     null when there was none
     * @param data the data set loaded from {@code dataDir}, with the model's user and item ids; null
     *     when there was no folder or it held other data
     */
    record OpenedModel(Path file, Recommender model, Path dataDir, Dataset data) {
        boolean hasData() {
            return data != null;
        }
    }

    private final PrintStream out;
    private final Map<Path, Dataset> loaded = new HashMap<>();

    ModelOpener(PrintStream out) {
        this.out = out;
    }

    /**
     * Loads the model in {@code file} and its data from {@code dataDir}, else from the folder recorded
     * when it was trained if that still exists; no data when neither is given.
     *
     * @throws IllegalArgumentException with {@link OnOtherData#FAIL}, when the data holds other ids
     */
    OpenedModel open(Path file, Path dataDir, OnOtherData onOtherData) throws IOException {
        Recommender model = ModelFiles.load(file);
        Path dir = dataDir != null ? dataDir : recordedDataDir(model);
        if (dir == null) {
            return new OpenedModel(file, model, null, null);
        }
        Dataset data = loaded.computeIfAbsent(dir.toAbsolutePath().normalize(), folder -> DataFlags.loadReporting(dir, out));
        Ratings ratings = data.ratings();
        if (ratings.users().equals(model.users()) && ratings.items().equals(model.items())) {
            return new OpenedModel(file, model, dir, data);
        }
        String problem = "the data in " + dir + " is not the data " + file + " was trained on: its user or item ids differ ("
                + ratings.userCount() + " users / " + ratings.itemCount() + " items vs the model's "
                + model.users().size() + " / " + model.items().size() + ")";
        if (onOtherData == OnOtherData.FAIL) {
            throw new IllegalArgumentException(problem);
        }
        out.println("warning: " + problem + "; going on without it");
        return new OpenedModel(file, model, dir, null);
    }

    /** The data folder recorded in the model's provenance, if it still is a folder. */
    private static Path recordedDataDir(Recommender model) {
        String source = model.info().provenance().dataSource();
        return source != null && Files.isDirectory(Path.of(source)) ? Path.of(source) : null;
    }
}
