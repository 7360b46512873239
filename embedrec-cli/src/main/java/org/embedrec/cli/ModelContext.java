package org.embedrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.SplitSpec;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.Recommender;

/**
 * A loaded model file and, when it can be found, the data it was trained on with the same split
 * rebuilt: what {@code evaluate}, {@code recommend} and {@code predict} need to know which ratings
 * a user already has and which ones are test ratings.
 */
record ModelContext(Recommender model, Dataset data, TrainingData parts) {

    /** Loads the model; loads its data from {@code dataDir}, else from the folder recorded at training. */
    static ModelContext load(Path modelFile, Path dataDir, PrintStream out) throws IOException {
        Recommender model = ModelFiles.load(modelFile);
        Map<String, Object> recorded = model.info().options();
        Path dir = dataDir;
        if (dir == null && recorded.get("cli.data") instanceof String path && Files.isDirectory(Path.of(path))) {
            dir = Path.of(path);
        }
        if (dir == null) {
            return new ModelContext(model, null, null);
        }
        Dataset data = DataFlags.loadReporting(dir, out);
        if (!data.ratings().users().equals(model.users()) || !data.ratings().items().equals(model.items())) {
            throw new IllegalArgumentException("the data in " + dir + " is not the data " + modelFile
                    + " was trained on: its user or item ids differ (" + data.ratings().userCount() + " users / "
                    + data.ratings().itemCount() + " items vs the model's " + model.users().size() + " / "
                    + model.items().size() + ")");
        }
        SplitSpec spec = SplitSpec.parse(String.valueOf(recorded.getOrDefault("cli.split", SplitSpec.DEFAULT)));
        long seed = recorded.get("cli.splitSeed") instanceof Number n ? n.longValue() : 42L;
        boolean earlyStopping = Boolean.TRUE.equals(recorded.get("cli.earlyStopping"));
        TrainingData parts = TrainingData.of(data, dir, spec, seed, earlyStopping);
        if (!parts.fit().fingerprint().equals(model.info().dataFingerprint())) {
            out.println("warning: rebuilding split " + spec + " (seed " + seed + ") of " + dir
                    + " does not give the ratings the model was trained on; test figures may be optimistic");
        }
        return new ModelContext(model, data, parts);
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
