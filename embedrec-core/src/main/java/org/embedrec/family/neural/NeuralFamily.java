package org.embedrec.family.neural;

import java.util.List;
import java.util.Map;
import org.embedrec.family.ModelFamily;
import org.embedrec.family.Preset;
import org.embedrec.io.ModelCodec;

/**
 * The neural rating models: {@code deep} and the tutorials' networks ({@code recommender-net},
 * {@code fastai}, {@code deep-regression}), {@code hybrid} with item metadata, and the softmax
 * {@code classifier}.
 */
public final class NeuralFamily implements ModelFamily {
    @Override
    public List<Preset<?>> presets() {
        DeepRatingTrainer.Options deep = DeepRatingTrainer.Options.defaults();
        return List.of(
                Preset.of("deep", "user and item embeddings concatenated, then dense ReLU layers (embedrec's tuned defaults)",
                        DeepRatingTrainer.Options.TABLE, deep, Map.of(), DeepRatingTrainer::new),
                Preset.of("recommender-net", "the Keras tutorial's RecommenderNet: 50 dimensions, dropout 0.05, Dense 10,"
                        + " dropout 0.5, sigmoid range, Adam 0.001", DeepRatingTrainer.Options.TABLE, deep,
                        Map.of("dimensions", 50, "hidden", List.of(10), "inputDropout", 0.05, "hiddenDropout", 0.5,
                                "sigmoid", true, "learningRate", "0.001"), DeepRatingTrainer::new),
                Preset.of("fastai", "fast.ai's collaborative-filtering net: 50 dimensions, dropout 0.3, Dense 70,"
                        + " dropout 0.75, sigmoid range [0, 5.5]", DeepRatingTrainer.Options.TABLE, deep,
                        Map.of("dimensions", 50, "hidden", List.of(70), "inputDropout", 0.3, "hiddenDropout", 0.75,
                                "sigmoid", true, "rangeLow", 0.0, "rangeHigh", 5.5), DeepRatingTrainer::new),
                Preset.of("deep-regression", "the lectures' DeepRegressionModel: 64 dimensions, Dense 64, no dropout,"
                        + " linear output trained on MAE", DeepRatingTrainer.Options.TABLE, deep,
                        Map.of("dimensions", 64, "hidden", List.of(64), "inputDropout", 0.0, "hiddenDropout", 0.0,
                                "sigmoid", false, "loss", "MAE"), DeepRatingTrainer::new),
                Preset.of("hybrid", "the deep model plus item metadata: popularity and year (quantile-transformed) and"
                        + " genres", HybridRatingTrainer.Options.TABLE, HybridRatingTrainer.Options.defaults(), Map.of(),
                        HybridRatingTrainer::new),
                Preset.of("classifier", "softmax over the rating levels; predicts the expected rating",
                        RatingClassifierTrainer.Options.TABLE, RatingClassifierTrainer.Options.defaults(), Map.of(),
                        RatingClassifierTrainer::new));
    }

    @Override
    public List<ModelCodec<?>> codecs() {
        return List.of(new DeepRatingCodec(), new HybridRatingCodec(), new RatingClassifierCodec());
    }
}
