package org.embedrec.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar for long counted work (bytes downloaded, ratings written); silent when not on a terminal. */
final class CountProgress implements AutoCloseable {
    private final ProgressBar bar;

    CountProgress(String task, String unit, long unitSize, long total) {
        bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setUnit(unit, unitSize).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    void update(long done, long total) {
        if (bar != null) {
            if (total > 0 && bar.getMax() != total) {
                bar.maxHint(total);
            }
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
