package org.embedrec.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.embedrec.data.Dataset;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.BprModel;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.GenreBprModel;
import org.embedrec.model.MatrixFactorizationModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embedrec train}: fit a model (matrix factorization by default), evaluate it against baselines, save it. */
@Command(name = "train", description = "Train a model (matrix factorization, or BPR with --model bpr|bpr-genres) on a split,"
        + " evaluate it against baselines and save it.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataFlags data;

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "mf",
            description = "mf (matrix factorization on ratings), bpr (BPR matrix factorization on liked items) or"
                    + " bpr-genres (BPR with genre tags) (default ${DEFAULT-VALUE})")
    String kind;

    @Mixin
    TrainingFlags training;

    @Mixin
    ImplicitFlags implicit;

    @Option(names = "--split", paramLabel = "SPEC", defaultValue = SplitSpec.DEFAULT, description = SplitSpec.HELP + " (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--split-seed", paramLabel = "SEED", defaultValue = "42", description = "seed of random splits (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "model.safetensors", description = "model file to write (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--no-progress", description = "no progress bars (epoch lines are still printed)")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        SplitSpec spec = SplitSpec.parse(split);
        if (kind.equals(BprModel.KIND) || kind.equals(GenreBprModel.KIND)) {
            var options = implicit.toOptions(training);
            var trainer = TrainRankingModel.trainer(kind, options); // checks the options before the data is loaded
            Dataset dataset = data.load(System.out);
            EmbeddingModel model = TrainRankingModel.run(dataset, data.dir(), spec, splitSeed, trainer, options,
                    implicit.k(), System.out, !noProgress && System.console() != null);
            ModelFiles.save(model, out);
            System.out.println("saved model to " + out);
            return 0;
        }
        if (!kind.equals("mf")) {
            throw new IllegalArgumentException("unknown --model '" + kind + "': use mf, bpr or bpr-genres");
        }
        implicit.rejectForRatingModel();
        var options = training.toOptions();
        Dataset dataset = data.load(System.out);
        MatrixFactorizationModel model = TrainAndEvaluate.run(dataset, data.dir(), spec, splitSeed, options, System.out,
                !noProgress && System.console() != null);
        ModelFiles.save(model, out);
        System.out.println("saved model to " + out);
        return 0;
    }
}
