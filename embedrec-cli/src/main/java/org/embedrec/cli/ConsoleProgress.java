package org.embedrec.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.TreeMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.embedrec.model.EpochRecord;
import org.embedrec.train.TrainingListener;

/**
 * Shows training on the console: a progress bar per epoch (on an interactive terminal), cleared when
 * the epoch ends, and one summary line per epoch with the loss and the validation metrics (always), so
 * a finished run shows exactly one line per epoch. The per-epoch figures are
 * always the validation part's: the test part is never scored per epoch.
 */
final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;
    private final boolean bars;
    private ProgressBar bar;
    private int epochs;

    ConsoleProgress(PrintStream out, boolean bars) {
        this.out = out;
        this.bars = bars;
    }

    @Override
    public void onEpochStart(int epoch, int epochCount, long examples) {
        epochs = epochCount;
        if (bars) {
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochCount))
                    .setInitialMax(examples).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).continuousUpdate().clearDisplayOnFinish().build();
        }
    }

    @Override
    public void onProgress(long examplesDone) {
        ProgressBar current = bar;
        if (current != null) {
            current.stepTo(examplesDone);
        }
    }

    @Override
    public void onEpochEnd(EpochRecord record) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %2d/%d  loss %.4f", record.epoch(),
                epochs, record.trainLoss()));
        Double rmse = record.metrics().get("rmse");
        if (rmse != null) {
            line.append(String.format(Locale.ROOT, "  validation rmse %.4f mae %.4f", rmse, record.metrics().get("mae")));
        }
        // Ranking figures in a fixed order: NDCG, recall, AUC.
        for (String prefix : new String[] {"ndcg@", "recall@", "auc"}) {
            new TreeMap<>(record.metrics()).forEach((name, value) -> {
                if (name.startsWith(prefix)) {
                    line.append(String.format(Locale.ROOT, "  validation %s %.4f", name, value));
                }
            });
        }
        line.append(String.format(Locale.ROOT, "  lr %.2g  %.2fs", record.learningRate(), record.seconds()));
        out.println(line);
    }

    @Override
    public void onEarlyStop(int bestEpoch) {
        out.println("early stopping: keeping epoch " + bestEpoch + ", the best on the validation part");
    }
}
