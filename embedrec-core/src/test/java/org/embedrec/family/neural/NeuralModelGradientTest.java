package org.embedrec.family.neural;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.nn.RatingLoss;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.family.neural.NeuralObjective.NeuralWorker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.embedrec.train.GradientBuffer;

/**
 * Finite-difference check of the whole neural models' gradients (STYLE rule 11): for every example,
 * {@link NeuralWorker#accumulate} must equal the central difference of
 * {@link NeuralObjective#exampleObjective} (with the same dropout masks) with respect to the user
 * and item embedding rows and every MLP parameter.
 */
class NeuralModelGradientTest {
    private static final float EPS = 1e-3f;
    private static final double RELATIVE_TOLERANCE = 1e-2;
    private static final double ABSOLUTE_TOLERANCE = 2e-3;
    private static final double L2 = 0.3;

    private record Partial(String name, double analytic, double numeric, double decay) {
    }

    static Stream<Arguments> configurations() {
        List<Arguments> all = new ArrayList<>();
        for (RatingLoss loss : RatingLoss.values()) {
            all.add(Arguments.of("deep", loss, true));
            if (loss != RatingLoss.BCE) {
                all.add(Arguments.of("deep", loss, false));
            }
        }
        all.add(Arguments.of("hybrid", RatingLoss.MSE, true));
        all.add(Arguments.of("hybrid", RatingLoss.BCE, true));
        all.add(Arguments.of("classifier", RatingLoss.MSE, false));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} loss={1} sigmoid={2}")
    @MethodSource("configurations")
    void analyticGradientMatchesCentralDifferences(String model, RatingLoss loss, boolean sigmoid) {
        Ratings train = RatingFixtures.random(11, 5, 6, 20);
        NeuralObjective objective = objective(model, train, loss, sigmoid);
        List<Partial> all = new ArrayList<>();
        int checkedRows = 0;
        List<String> skipped = new ArrayList<>();
        for (int row = 0; row < train.size(); row++) {
            long maskSeed = 100 + row;
            NeuralWorker worker = new NeuralWorker(objective, new SplittableRandom(maskSeed));
            worker.accumulate(row, 1f);
            List<Partial> partials = partials(objective, worker, row, maskSeed);
            List<Partial> failing = partials.stream().filter(p -> mismatch(p.analytic(), p.numeric()) > 1).toList();
            if (!failing.isEmpty()) {
                // The numeric step may straddle a kink (a ReLU input or |p - y| near 0); a wrong
                // gradient fails every row, so a few skipped rows hide nothing.
                skipped.add(row + ": " + failing);
                continue;
            }
            all.addAll(partials);
            checkedRows++;
        }
        assertThat(skipped).as("rows whose partials disagree").hasSizeLessThanOrEqualTo(2);
        assertThat(checkedRows).isGreaterThanOrEqualTo(18);
        // The check has teeth: a sign error, or forgetting the regularization, would fail it.
        assertThat(all.stream().mapToDouble(p -> mismatch(-p.analytic(), p.numeric())).max().orElseThrow())
                .isGreaterThan(1);
        assertThat(all.stream().mapToDouble(p -> mismatch(p.analytic() - p.decay(), p.numeric())).max().orElseThrow())
                .isGreaterThan(1);
        assertThat(all.stream().filter(p -> p.name().startsWith("dense") && p.analytic() != 0).count())
                .as("dense partials with a non-zero gradient").isGreaterThan(50);
    }

    static NeuralObjective<?> objective(String model, Ratings train, RatingLoss loss, boolean sigmoid) {
        HybridRatingTrainer.Options options = HybridRatingTrainer.Options.defaults().withDimensions(3).withHidden(4, 3)
                .withDropout(0.2, 0.3).withLoss(loss).withSigmoid(sigmoid).withL2(L2).withInitScale(0.8);
        SplittableRandom random = new SplittableRandom(5);
        NeuralObjective<?> objective;
        switch (model) {
            case "deep" -> objective = new NeuralObjective<>(train, null, options.network(), options.training(),
                    NeuralObjective.regression(loss, NeuralObjective.sigmoidRange(options.output(), train)), 0, new float[0], 1,
                    null, random, null);
            case "hybrid" -> {
                HybridRatingTrainer.FeatureTable features = HybridRatingTrainer.FeatureTable.of(train, catalog(train),
                        options.features());
                objective = new NeuralObjective<>(train, null, options.network(), options.training(),
                        NeuralObjective.regression(loss, NeuralObjective.sigmoidRange(options.output(), train)),
                        features.names().size(), features.values(), 1, null, random, null);
            }
            default -> objective = new NeuralObjective<>(train, null, options.network(), options.training(), NeuralObjective.classifier(train.levels()),
                    0, new float[0], train.levels().length, null, random, null);
        }
        // Move the biases off their zero start so that their gradients are exercised at a generic point.
        for (int k = 0; k < objective.dense.length; k++) {
            objective.dense[k] += (float) ((random.nextDouble() - 0.5) * 0.2);
        }
        // Biases at least 0.05 from 0: where dropout silences a whole layer, the next layer's
        // pre-activation is its bias, and a bias at the ReLU's kink defeats finite differences.
        for (int l = 0; l < objective.mlp.layerCount(); l++) {
            for (int o = 0; o < objective.mlp.width(l + 1); o++) {
                int k = objective.mlp.biasOffset(l) + o;
                objective.dense[k] = Math.copySign(0.05f + Math.abs(objective.dense[k]), objective.dense[k]);
            }
        }
        return objective;
    }

    /** Years and genres for the fixture's items; item 2 has no year. */
    static ItemCatalog catalog(Ratings train) {
        ItemCatalog.Builder builder = ItemCatalog.builder();
        String[] genres = {"Action", "Comedy", "Drama"};
        for (int item = 0; item < train.itemCount(); item++) {
            int year = item == 2 ? ItemCatalog.UNKNOWN_YEAR : 1960 + 9 * item;
            builder.add(train.items().id(item), "Movie " + item, year, List.of(genres[item % 3]));
        }
        return builder.build();
    }

    private static List<Partial> partials(NeuralObjective o, NeuralWorker worker, int row, long maskSeed) {
        int u = o.train.user(row);
        int i = o.train.item(row);
        int dim = o.dim;
        List<Partial> partials = new ArrayList<>();
        float[] ug = slice(worker.users, u, dim);
        float[] ig = slice(worker.items, i, dim);
        for (int k = 0; k < dim; k++) {
            partials.add(new Partial("user " + k, ug[k], numeric(o, row, maskSeed, o.userEmbeddings, u * dim + k),
                    2 * L2 * o.userEmbeddings[u * dim + k]));
            partials.add(new Partial("item " + k, ig[k], numeric(o, row, maskSeed, o.itemEmbeddings, i * dim + k),
                    2 * L2 * o.itemEmbeddings[i * dim + k]));
        }
        for (int k = 0; k < o.dense.length; k++) {
            partials.add(new Partial("dense " + k, worker.denseGradient[k], numeric(o, row, maskSeed, o.dense, k), 0));
        }
        return partials;
    }

    private static float[] slice(GradientBuffer buffer, int row, int width) {
        int offset = buffer.offset(row);
        float[] out = new float[width];
        System.arraycopy(buffer.gradient(), offset, out, 0, width);
        return out;
    }

    private static double numeric(NeuralObjective o, int row, long maskSeed, float[] table, int index) {
        float saved = table[index];
        float plus = saved + EPS;
        float minus = saved - EPS;
        table[index] = plus;
        double valuePlus = o.exampleObjective(row, new SplittableRandom(maskSeed));
        table[index] = minus;
        double valueMinus = o.exampleObjective(row, new SplittableRandom(maskSeed));
        table[index] = saved;
        return (valuePlus - valueMinus) / ((double) plus - minus);
    }

    private static double mismatch(double analytic, double numeric) {
        return Math.abs(analytic - numeric)
                / (RELATIVE_TOLERANCE * Math.max(Math.abs(analytic), Math.abs(numeric)) + ABSOLUTE_TOLERANCE);
    }
}
