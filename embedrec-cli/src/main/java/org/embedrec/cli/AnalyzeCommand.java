package org.embedrec.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code embedrec analyze}: the analyses of a fitted model, one subcommand each. */
@Command(name = "analyze", description = "Look inside a model: bias ranking, PCA, t-SNE map, neighbours, projector and TensorBoard export.",
        subcommands = {AnalyzeBiasCommand.class, AnalyzePcaCommand.class, AnalyzeTsneCommand.class,
            AnalyzeNeighboursCommand.class, ExportProjectorCommand.class, TensorBoardCommand.class})
final class AnalyzeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "name an analysis: bias, pca, tsne, neighbours, export-projector or tensorboard");
    }
}
