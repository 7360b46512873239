package org.embedrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.io.DataSpec;
import org.embedrec.io.ModelFiles;
import org.embedrec.io.MovieLens;
import org.embedrec.io.rows.RowSources;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.Recommender;
import org.embedrec.model.Retraining;
import org.embedrec.server.live.InteractionStore;

/**
 * Opens model files together with the data they were trained on: the one place that finds that data
 * again (the {@code --data} source, else the data source recorded in the model's provenance) and checks
 * that it is the model's. Each model file is read once, and each data source once however many models
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
     * @param source the data source given or recorded (whether or not it held the model's data), or
     *     null when there was none
     * @param data the data set loaded from {@code source}, with the model's user and item ids; null
     *     when there was no source or it held other data
     */
    record OpenedModel(Path file, Recommender model, DataSpec source, Dataset data) {
        boolean hasData() {
            return data != null;
        }
    }

    private final PrintStream out;
    private final InteractionStore store;
    private final Map<DataSpec, Dataset> loaded = new HashMap<>();

    ModelOpener(PrintStream out) {
        this(out, null);
    }

    /**
     * An opener that gives a model {@code embedrec retrain} made its training data with the interactions
     * of {@code store} (null: none) up to its watermark merged in.
     */
    ModelOpener(PrintStream out, InteractionStore store) {
        this.out = out;
        this.store = store;
    }

    /**
     * Loads the model in {@code file} and its data from {@code given}, else from the source recorded
     * when it was trained if its files still exist; no data when neither is given.
     *
     * @throws IllegalArgumentException with {@link OnOtherData#FAIL}, when the data holds other ids
     */
    OpenedModel open(Path file, DataSpec given, OnOtherData onOtherData) throws IOException {
        Recommender model = ModelFiles.load(file);
        DataSpec dir = given != null ? given : recordedSource(model);
        if (dir == null) {
            return new OpenedModel(file, model, null, null);
        }
        Dataset data = loaded.computeIfAbsent(dir, spec -> DataFlags.loadReporting(spec, out, MovieLens.CachePolicy.AUTO));
        Retraining retraining = model.info().provenance().retraining();
        if (retraining != null && store != null && model instanceof FoldInRecommender rules) {
            data = RetrainingData.withStored(data, RetrainingData.readAll(store), retraining, rules);
        }
        Ratings ratings = data.ratings();
        if (ratings.users().equals(model.users()) && ratings.items().equals(model.items())) {
            return new OpenedModel(file, model, dir, data);
        }
        String problem = "the data in " + dir.describe() + " is not the data " + file + " was trained on: its user or item ids differ ("
                + ratings.userCount() + " users / " + ratings.itemCount() + " items vs the model's "
                + model.users().size() + " / " + model.items().size() + ")";
        if (onOtherData == OnOtherData.FAIL) {
            throw new IllegalArgumentException(problem);
        }
        out.println("warning: " + problem + "; going on without it");
        return new OpenedModel(file, model, dir, null);
    }

    /**
     * The data source recorded in the model's provenance, if its folder or file still exists (a glob or
     * a database is tried as recorded); null when none is recorded or it is gone.
     */
    private static DataSpec recordedSource(Recommender model) {
        String recorded = model.info().provenance().dataSource();
        if (recorded == null) {
            return null;
        }
        DataSpec spec = DataSpec.fromRecorded(recorded);
        boolean present = stillThere(spec.source()) && (spec.items() == null || stillThere(spec.items().source()))
                && (spec.users() == null || stillThere(spec.users().source()));
        return present ? spec : null;
    }

    /** Whether a recorded file or folder still exists; a glob or a database is tried as recorded. */
    private static boolean stillThere(String source) {
        return source.startsWith("jdbc:") || RowSources.isGlob(source) || Files.exists(Path.of(source));
    }
}
