package org.embedrec.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TrainingFacts;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimilarityProfileTest {
    static MatrixFactorizationModel randomModel(long seed, int items, int dim, int[] counts) {
        SplittableRandom random = new SplittableRandom(seed);
        IdIndex users = RatingFixtures.ids("u", 3);
        float[] userFactors = new float[3 * dim];
        float[] itemFactors = new float[items * dim];
        for (int c = 0; c < itemFactors.length; c++) {
            itemFactors[c] = (float) random.nextGaussian();
        }
        ModelInfo info = new ModelInfo(MatrixFactorizationModel.KIND, java.util.Map.of(), Provenance.of("none"), List.of(),
                java.util.Map.of());
        return new MatrixFactorizationModel(new TrainingFacts(users, ItemCatalog.untitled(RatingFixtures.ids("i", items)),
                counts, info), dim, userFactors, itemFactors, new float[3], new float[items], 3f, null,
                MatrixFactorizationModel.FoldInL2.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void similaritiesMatchNaiveCosinesAndNeighboursAreTheirTop(long seed) {
        int items = 40;
        int[] counts = new int[items];
        java.util.Arrays.fill(counts, 5);
        counts[11] = 0;
        MatrixFactorizationModel model = randomModel(seed, items, 6, counts);
        SimilarityProfile profile = SimilarityProfile.of(model, 4);
        double[] similarities = profile.similarities();
        float[] query = model.itemVector(4);
        for (int other = 0; other < items; other++) {
            if (other == 4 || other == 11) {
                assertThat(similarities[other]).isNaN();
                continue;
            }
            float[] v = model.itemVector(other);
            double dot = 0;
            double qq = 0;
            double vv = 0;
            for (int k = 0; k < v.length; k++) {
                dot += query[k] * v[k];
                qq += query[k] * query[k];
                vv += v[k] * v[k];
            }
            assertThat(similarities[other]).isCloseTo(dot / Math.sqrt(qq * vv), within(1e-6));
        }
        List<ScoredItem> nearest = profile.nearest(5, other -> false);
        assertThat(nearest).extracting(ScoredItem::item)
                .containsExactlyElementsOf(model.similarItems(4, 5).stream().map(ScoredItem::item).toList());
        assertThat(profile.nearest(5, other -> other == nearest.get(0).item())).extracting(ScoredItem::item)
                .doesNotContain(nearest.get(0).item()).contains(nearest.get(1).item());

        Histogram histogram = profile.histogram(10);
        assertThat(histogram.total()).isEqualTo(items - 2);
        long inTopBin = java.util.Arrays.stream(similarities).filter(s -> s >= 0.8).count();
        assertThat(histogram.counts()[9]).isEqualTo(inTopBin);
    }

    @Test
    void histogramBinsEdgesAsDocumented() {
        Histogram histogram = Histogram.of(new double[] {0, 0.25, 0.5, 0.99, 1, 1.5, -0.1, Double.NaN}, 4, 0, 1);
        assertThat(histogram.counts()).containsExactly(1, 1, 1, 2);
        assertThat(histogram.binLow(2)).isEqualTo(0.5);
        assertThat(histogram.binCentre(0)).isEqualTo(0.125);
    }
}
