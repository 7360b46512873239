package org.embedrec.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model FILE} and an optional {@code --data DIR} overriding the folder recorded in the model. */
final class ModelFlags {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file written by train or demo")
    Path model;

    @Option(names = {"-d", "--data"}, paramLabel = "DIR",
            description = "the training data folder (default: the folder recorded in the model, if it still exists)")
    Path data;
}
