package org.embedrec.family.mf;

import java.util.List;
import java.util.Map;
import org.embedrec.family.ModelFamily;
import org.embedrec.family.Preset;
import org.embedrec.io.ModelCodec;

/** Matrix factorization: {@code mf} (the default), the tutorials' {@code dot}, and LIBMF-style {@code mf-sgd}. */
public final class MatrixFactorizationFamily implements ModelFamily {
    /**
     * What {@code tune --config mf} searches when not told: the learning rate and L2 within a factor of
     * two of the defaults, where validation found the best points on ml-latest-small and on its 1,700
     * most rated items, and the width. Wider log ranges ({@code learningRate=0.0005..0.02:log;
     * l2=0.03..0.5:log}) spent most of 16 trials where they are worse and found nothing better than the
     * defaults (docs/BENCHMARKS.md, "Why tune could not beat the defaults").
     */
    static final String MF_SEARCH_SPACE = "learningRate=0.0025..0.01:log;l2=0.05..0.2:log;dimensions=32,64,128";

    @Override
    public List<Preset<?>> presets() {
        MatrixFactorizationTrainer.Options defaults = MatrixFactorizationTrainer.Options.defaults();
        return List.of(
                Preset.of("mf", "biased matrix factorization with a sigmoid scaled to the rating range (the default)",
                        MatrixFactorizationTrainer.Options.TABLE, defaults, Map.of(), MatrixFactorizationTrainer::new)
                        .withSearchSpace(MF_SEARCH_SPACE),
                Preset.of("dot", "the tutorials' plain dot product of user and item embeddings: no biases, linear output",
                        MatrixFactorizationTrainer.Options.TABLE, defaults, Map.of("biases", false, "sigmoid", false),
                        MatrixFactorizationTrainer::new),
                // Uniform initial factors, as LIBMF draws them: ±0.05 had the best validation RMSE of the scales tried
                // on seven data sets, and drawing them takes a tenth of the normal's time (docs/BENCHMARKS.md).
                Preset.of("mf-sgd", "LIBMF-style biased MF: plain SGD, one rating per step, rate 0.01, L2 0.02, linear"
                        + " output, global bias fixed at the mean, uniform initial factors in ±0.05, 10 epochs (the bench"
                        + " command's default)",
                        MatrixFactorizationTrainer.Options.TABLE, defaults, Map.of("optimizer", "SGD", "batchSize", 1,
                                "learningRate", "0.01", "l2", 0.02, "biasL2", 0.02, "epochs", 10, "sigmoid", false,
                                "trainMean", false, "initializer", "UNIFORM", "initScale", 0.05),
                        MatrixFactorizationTrainer::new));
    }

    @Override
    public List<ModelCodec<?>> codecs() {
        return List.of(new MatrixFactorizationCodec());
    }
}
