package org.embedrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Each model is named by its file name without the extension.
 */
final class ServedModelFiles implements ModelRegistry.ModelLoader {
    private final List<Path> files;
    private final DataSpec source;
    private final PrintStream out;
    private final ModelOpener opener;

    /**
     * @param source the training data of every model, or null for the one each model records
     * @param store the interaction store, or null
     */
    ServedModelFiles(List<Path> files, DataSpec source, InteractionStore store, PrintStream out) {
        this.files = List.copyOf(files);
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
            served.add(opened.hasData() ? ServedModel.of(name, model, model.info(), opened.data().ratings(), opened.data().users())
                    : ServedModel.of(name, model, model.info(), null));
            out.printf(Locale.ROOT, "model %s: %s, %,d users, %,d items, version %d%n", name, model.info().kind(),
                    model.users().size(), model.items().size(), model.info().provenance().version());
        }
        return served;
    }
}
