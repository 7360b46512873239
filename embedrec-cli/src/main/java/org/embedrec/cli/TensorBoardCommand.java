package org.embedrec.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.embedrec.analysis.TensorBoardEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code embedrec analyze tensorboard}: the training history as TensorBoard scalar events. */
@Command(name = "tensorboard", description = "Write the model's training history (loss, validation metrics per epoch) as a TensorBoard event file.")
final class TensorBoardCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file")
    Path model;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "log folder (one run)")
    Path out;

    @Override
    public Integer call() throws Exception {
        AnalysisTarget target = AnalysisTarget.load(model);
        if (target.history().isEmpty()) {
            throw new IllegalArgumentException(model + " records no training history to write");
        }
        Path file = TensorBoardEvents.writeHistory(out, target.history(), System.currentTimeMillis() / 1000.0);
        System.out.printf("wrote %d epochs to %s; view with: tensorboard --logdir %s%n", target.history().size(), file,
                out.getParent() == null ? out : out.getParent());
        return 0;
    }
}
