package org.embedrec.family.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.family.mf.MatrixFactorizationModel.OutputRange;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;

/** The fitted matrix factorization model against formulas and rankings computed here by hand. */
class MatrixFactorizationModelTest {
    private static final ModelInfo INFO = new ModelInfo(MatrixFactorizationModel.KIND, Map.of(), Provenance.of("test"), List.of(),
            Map.of());

    private static MatrixFactorizationModel model(int dim, float[] userFactors, float[] itemFactors, float[] userBias,
            float[] itemBias, float global, OutputRange range, int[] itemCounts) {
        IdIndex users = RatingFixtures.ids("u", userFactors.length / dim);
        ItemCatalog catalog = ItemCatalog.untitled(RatingFixtures.ids("i", itemFactors.length / dim));
        return new MatrixFactorizationModel(new TrainingFacts(users, catalog, itemCounts, INFO), dim, userFactors,
                itemFactors, userBias, itemBias, global, range, MatrixFactorizationModel.FoldInL2.DEFAULT);
    }

    private static float[] randomTable(SplittableRandom random, int length) {
        float[] table = new float[length];
        for (int k = 0; k < length; k++) {
            table[k] = (float) (random.nextDouble() * 2 - 1);
        }
        return table;
    }

    /** A random model; item 2 was never seen in training. */
    private static MatrixFactorizationModel randomModel(long seed, boolean biases, OutputRange range) {
        SplittableRandom random = new SplittableRandom(seed);
        int users = 4;
        int items = 9;
        int dim = 3;
        int[] counts = new int[items];
        for (int i = 0; i < items; i++) {
            counts[i] = i == 2 ? 0 : 1 + random.nextInt(5);
        }
        return model(dim, randomTable(random, users * dim), randomTable(random, items * dim),
                biases ? randomTable(random, users) : null, biases ? randomTable(random, items) : null, 3.1f, range,
                counts);
    }

    @Test
    void predictsTheLinearFormula() {
        MatrixFactorizationModel model = model(2, new float[] {1, 2, -1, 0.5f}, new float[] {0.5f, -1, 3, 1},
                new float[] {0.25f, -0.5f}, new float[] {1, -2}, 3f, null, new int[] {1, 1});
        // 3 + 0.25 + 1 + (1 * 0.5 + 2 * -1)
        assertThat(model.predict(0, 0)).isEqualTo(2.75f);
        // 3 - 0.5 - 2 + (-1 * 3 + 0.5 * 1)
        assertThat(model.predict(1, 1)).isEqualTo(-2f);
        MatrixFactorizationModel noBiases = model(2, new float[] {1, 2, -1, 0.5f}, new float[] {0.5f, -1, 3, 1}, null,
                null, 3f, null, new int[] {1, 1});
        assertThat(noBiases.predict(0, 1)).isEqualTo(3f + 3f + 2f);
        assertThat(noBiases.hasBiases()).isFalse();
        assertThat(noBiases.userBias(0)).isZero();
    }

    @Test
    void predictsTheSigmoidRangeFormula() {
        OutputRange range = new OutputRange(0.5f, 5f);
        MatrixFactorizationModel model = model(2, new float[] {1, 2, -1, 0.5f}, new float[] {0.5f, -1, 3, 1},
                new float[] {0.25f, -0.5f}, new float[] {1, -2}, 0.1f, range, new int[] {1, 1});
        for (int u = 0; u < 2; u++) {
            for (int i = 0; i < 2; i++) {
                double z = 0.1 + (u == 0 ? 0.25 : -0.5) + (i == 0 ? 1 : -2) + dot(model.userVector(u), model.itemVector(i));
                double expected = 0.5 + 4.5 / (1 + Math.exp(-z));
                assertThat((double) model.predict(u, i)).as("user %d item %d", u, i).isCloseTo(expected, within(1e-5));
            }
        }
        assertThat(model.predict(0, 0)).isBetween(0.5f, 5f);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void recommendRanksKnownUnexcludedItemsByPrediction(long seed) {
        boolean biases = seed % 2 == 0;
        MatrixFactorizationModel model = randomModel(seed, biases, seed > 2 ? new OutputRange(1, 5) : null);
        Set<Integer> excluded = Set.of(0, 5);
        for (int user = 0; user < model.users().size(); user++) {
            int u = user;
            List<Integer> expected = new ArrayList<>();
            for (int item = 0; item < model.items().size(); item++) {
                if (item != 2 && !excluded.contains(item)) {
                    expected.add(item);
                }
            }
            expected.sort(Comparator.comparingDouble((Integer item) -> -model.predict(u, item)));
            List<ScoredItem> top = model.recommend(user, 4, excluded::contains);

            assertThat(top).extracting(ScoredItem::item).containsExactlyElementsOf(expected.subList(0, 4));
            assertThat(top).allSatisfy(s -> assertThat(s.score()).isCloseTo(model.predict(u, s.item()), within(1e-5f)));
            assertThat(top).extracting(ScoredItem::score).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(model.recommend(user, 100, excluded::contains)).hasSize(6);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void similarItemsAreKnownOtherItemsByCosine(long seed) {
        MatrixFactorizationModel model = randomModel(seed, true, null);
        for (int item = 0; item < model.items().size(); item++) {
            int query = item;
            List<Integer> expected = new ArrayList<>();
            for (int other = 0; other < model.items().size(); other++) {
                if (other != item && other != 2) {
                    expected.add(other);
                }
            }
            expected.sort(Comparator.comparingDouble((Integer other) -> -cosine(model, query, other)));
            List<ScoredItem> similar = model.similarItems(item, 5);

            assertThat(similar).extracting(ScoredItem::item).containsExactlyElementsOf(expected.subList(0, 5));
            assertThat(similar).allSatisfy(
                    s -> assertThat((double) s.score()).isCloseTo(cosine(model, query, s.item()), within(1e-5)));
            assertThat(similar).extracting(ScoredItem::score).isSortedAccordingTo(Comparator.reverseOrder());
        }
    }

    @Test
    void similarItemsOfAPlantedClusterAreItsOtherMembers() {
        // Items 0, 2, 4 lie near e1 and 1, 3, 5 near e2, at very different lengths.
        float[] items = {
            3f, 0.2f, 0.1f,
            0.1f, 0.5f, -0.05f,
            0.4f, -0.05f, 0.02f,
            0.2f, 4f, 0.3f,
            1f, 0.1f, -0.2f,
            -0.1f, 1f, 0.1f,
        };
        MatrixFactorizationModel model = model(3, new float[] {1, 1, 1}, items, null, null, 0f, null,
                new int[] {1, 1, 1, 1, 1, 1});
        for (int item = 0; item < 6; item++) {
            int parity = item % 2;
            assertThat(model.similarItems(item, 2)).as("item %d", item).hasSize(2)
                    .allSatisfy(s -> assertThat(s.item() % 2).isEqualTo(parity));
        }
    }

    private static double cosine(MatrixFactorizationModel model, int a, int b) {
        float[] x = model.itemVector(a);
        float[] y = model.itemVector(b);
        return dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));
    }

    private static double dot(float[] x, float[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += (double) x[k] * y[k];
        }
        return sum;
    }
}
