package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.EpochRecord;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.family.mf.MatrixFactorizationModel.OutputRange;
import org.embedrec.family.mf.MatrixFactorizationModel.FoldInL2;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;

/** Small matrix factorization models built from seeded random arrays, and a full equality check. */
final class TestModels {
    private static final String[] TITLES = {
        "Amélie (Le Fabuleux Destin d'Amélie Poulain) (2001)",
        "Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)",
        "千と千尋の神隠し",
        "\"Quoted\", with commas, and a tab\tinside",
        "Emoji 🎬 title",
        "Plain",
    };
    private static final String[] GENRES = {"Action", "Comedy", "Drama", "Sci-Fi", "(no genres listed)"};

    private TestModels() {
    }

    /** A random model with the given structure; sizes, values, catalog and history depend on {@code seed}. */
    static MatrixFactorizationModel random(long seed, boolean biases, boolean range) {
        Random random = new Random(seed);
        int users = 1 + random.nextInt(6);
        int items = 1 + random.nextInt(8);
        int dim = 1 + random.nextInt(5);
        IdIndex.Builder userIds = IdIndex.builder();
        for (int u = 0; u < users; u++) {
            userIds.add(u % 2 == 0 ? String.valueOf(100 + u * 7) : "user-" + u);
        }
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        for (int i = 0; i < items; i++) {
            List<String> genres = new ArrayList<>();
            for (String genre : GENRES) {
                if (random.nextInt(3) == 0) {
                    genres.add(genre);
                }
            }
            catalog.add(String.valueOf(10 * i + 1), TITLES[random.nextInt(TITLES.length)] + " #" + i,
                    random.nextBoolean() ? ItemCatalog.UNKNOWN_YEAR : 1950 + random.nextInt(70), genres);
        }
        int[] counts = new int[items];
        for (int i = 0; i < items; i++) {
            counts[i] = random.nextInt(4);
        }
        TrainingFacts facts = new TrainingFacts(userIds.build(), catalog.build(), counts, info(random, dim));
        return new MatrixFactorizationModel(facts, dim, gaussians(random, users * dim),
                gaussians(random, items * dim), biases ? gaussians(random, users) : null,
                biases ? gaussians(random, items) : null, (float) random.nextGaussian() + 3f,
                range ? new OutputRange(0.5f, 5.5f) : null, new FoldInL2(random.nextDouble(), random.nextDouble() / 10));
    }

    private static float[] gaussians(Random random, int n) {
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            values[k] = (float) random.nextGaussian();
        }
        return values;
    }

    private static ModelInfo info(Random random, int dim) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("dimensions", dim);
        options.put("learningRate", random.nextDouble() / 10);
        options.put("optimizer", "adam, β1=0.9");
        options.put("shuffle", true);
        options.put("seed", 1L << 40 | random.nextInt(1000));
        options.put("schedule", List.of(Map.of("epoch", 1, "factor", 0.5), "cosine"));
        List<EpochRecord> history = new ArrayList<>();
        int epochs = random.nextInt(4);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            boolean validated = random.nextBoolean();
            history.add(new EpochRecord(epoch, random.nextDouble(), validated ? random.nextDouble() : Double.NaN,
                    validated ? Map.of("rmse", random.nextDouble(), "mae", random.nextDouble()) : Map.of(),
                    random.nextDouble() * 10, 0.01 / epoch));
        }
        Provenance provenance = Provenance.of("ratings:" + Long.toHexString(random.nextLong()));
        if (random.nextBoolean()) {
            provenance = provenance.withDataSource("/data/ml \"small\" é").withSplit("last:" + random.nextInt(5),
                    random.nextLong(), random.nextBoolean()).withConfiguration("best.yaml");
        }
        return new ModelInfo(MatrixFactorizationModel.KIND, options, provenance, history,
                Map.of("test.rmse", random.nextDouble(), "test.ndcg@10", random.nextDouble()));
    }

    /** Asserts that {@code actual} equals {@code expected} in every part and every prediction, bit for bit. */
    static void assertSameModel(MatrixFactorizationModel actual, MatrixFactorizationModel expected) {
        assertThat(actual.users().ids()).isEqualTo(expected.users().ids());
        assertThat(actual.items().ids()).isEqualTo(expected.items().ids());
        assertThat(actual.catalog()).isEqualTo(expected.catalog());
        for (int item = 0; item < expected.items().size(); item++) {
            assertThat(actual.catalog().title(item)).isEqualTo(expected.catalog().title(item));
            assertThat(actual.catalog().year(item)).isEqualTo(expected.catalog().year(item));
            assertThat(actual.catalog().genres(item)).isEqualTo(expected.catalog().genres(item));
            assertThat(actual.isKnownItem(item)).isEqualTo(expected.isKnownItem(item));
        }
        assertThat(actual.info()).isEqualTo(expected.info());
        assertThat(actual.info().hyperparameters()).isEqualTo(expected.info().hyperparameters());
        assertThat(actual.info().provenance()).isEqualTo(expected.info().provenance());
        assertThat(actual.foldInL2()).isEqualTo(expected.foldInL2());
        assertThat(actual.dimensions()).isEqualTo(expected.dimensions());
        assertThat(actual.hasBiases()).isEqualTo(expected.hasBiases());
        assertThat(actual.range()).isEqualTo(expected.range());
        assertThat(Float.floatToRawIntBits(actual.globalBias())).isEqualTo(Float.floatToRawIntBits(expected.globalBias()));
        assertThat(actual.userFactors()).isEqualTo(expected.userFactors());
        assertThat(actual.itemFactors()).isEqualTo(expected.itemFactors());
        assertThat(actual.userBiases()).isEqualTo(expected.userBiases());
        assertThat(actual.itemBiases()).isEqualTo(expected.itemBiases());
        assertThat(actual.trainingFacts().itemTrainCounts()).isEqualTo(expected.trainingFacts().itemTrainCounts());
        for (int user = 0; user < expected.users().size(); user++) {
            for (int item = 0; item < expected.items().size(); item++) {
                assertThat(Float.floatToRawIntBits(actual.predict(user, item)))
                        .as("prediction for user %d, item %d", user, item)
                        .isEqualTo(Float.floatToRawIntBits(expected.predict(user, item)));
            }
        }
    }
}
