package org.embedrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.embedrec.ann.ItemIndex;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserAttributes;
import org.embedrec.io.DataSpec;
import org.embedrec.model.Recommender;
import org.embedrec.server.ModelRegistry;
import org.embedrec.server.ServedModel;
import org.embedrec.server.live.InteractionStore;

/**
 * The model files {@code embedrec serve} serves, loaded at start-up and again on every reload, each
 * with its rating history: the training data ({@code --data} or the source recorded in the model),
 * loaded once and kept across reloads, and for a model {@code embedrec retrain} made, with the stored
 * interactions up to its watermark merged in as the retrain merged them ({@link RetrainingData}).
 * Each model is named by its file name without the extension. With HNSW indexes, each model is
 * served with the index beside its file, loaded, or built when missing or stale (so a reload after a
 * retrain rebuilds it: {@link IndexFiles#openOrBuild}).
 */
final class ServedModelFiles implements ModelRegistry.ModelLoader {
    private final List<Path> files;
    private final DataSpec source;
    private final PrintStream out;
    private final ModelOpener opener;
    private final boolean useIndex;

    /**
     * @param source the training data of every model, or null for the one each model records
     * @param store the interaction store, or null
     * @param useIndex serve every model from its HNSW index ({@code serve --index hnsw})
     */
    ServedModelFiles(List<Path> files, DataSpec source, InteractionStore store, boolean useIndex, PrintStream out) {
        this.files = List.copyOf(files);
        this.useIndex = useIndex;
        this.source = source;
        this.out = out;
        this.opener = new ModelOpener(out, store);
    }

    @Override
    public List<Path> files() {
        return files;
    }

    /** Loads every file; the error of a file that cannot be loaded names it and says why. */
    @Override
    public synchronized List<ServedModel> load() throws IOException {
        List<ServedModel> served = new ArrayList<>();
        for (Path file : files) {
            ModelOpener.OpenedModel opened;
            try {
                opened = opener.open(file, source, ModelOpener.OnOtherData.WARN);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(file.toString(), null, "the model file does not exist");
            }
            Recommender model = opened.model();
            if (opened.source() == null) {
                out.println("warning: no training data for " + file + " (pass --data): recommendations may"
                        + " include items users already rated, and users show no ratings");
            }
            String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            Ratings history = opened.hasData() ? opened.data().ratings() : null;
            UserAttributes users = opened.hasData() ? opened.data().users() : UserAttributes.none();
            if (useIndex) {
                ItemIndex index = IndexFiles.openOrBuild(file, IndexFiles.dotProduct(model, file), out);
                served.add(ServedModel.withIndex(name, index, model.info(), history, users));
            } else {
                served.add(ServedModel.of(name, model, model.info(), history, users));
            }
            out.printf(Locale.ROOT, "model %s: %s, %,d users, %,d items, version %d%n", name, model.info().kind(),
                    model.users().size(), model.items().size(), model.info().provenance().version());
        }
        return served;
    }
}
