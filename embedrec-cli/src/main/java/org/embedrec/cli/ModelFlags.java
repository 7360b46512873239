package org.embedrec.cli;

import java.nio.file.Path;
import org.embedrec.io.DataSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --model FILE} and optional data flags overriding the data source recorded in the model. */
final class ModelFlags {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file written by train or demo")
    Path model;

    /** The training data (default: the source recorded in the model, if its files still exist). */
    @Mixin
    DataFlags data;

    /** The data given on the command line, or null to use the source recorded in the model. */
    DataSpec dataSpec() {
        return data.given() ? data.spec() : null;
    }
}
