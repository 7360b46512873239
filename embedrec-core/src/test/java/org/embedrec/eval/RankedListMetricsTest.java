package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.embedrec.model.ScoredItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-user kernel on a worked example and against a naive reference written from the definitions. */
class RankedListMetricsTest {

    private static List<ScoredItem> list(int... items) {
        List<ScoredItem> list = new ArrayList<>();
        for (int item : items) {
            list.add(new ScoredItem(item, 0f));
        }
        return list;
    }

    @Test
    void workedExample() {
        // Relevant {2, 7, 9}; the list hits at ranks 1 and 3 of K = 4.
        Set<Integer> relevant = Set.of(2, 7, 9);

        RankedListMetrics metrics = RankedListMetrics.of(list(7, 1, 9, 4), relevant::contains, 3, 4);

        double dcg = 1 / log2(2) + 1 / log2(4);
        double idcg = 1 / log2(2) + 1 / log2(3) + 1 / log2(4);
        assertThat(metrics.hits()).isEqualTo(2);
        assertThat(metrics.precision()).isEqualTo(0.5);
        assertThat(metrics.recall()).isEqualTo(2.0 / 3);
        assertThat(metrics.ndcg()).isCloseTo(dcg / idcg, within(1e-15));
        assertThat(metrics.averagePrecision()).isCloseTo((1.0 + 2.0 / 3) / 3, within(1e-15));
        assertThat(metrics.hitRate()).isEqualTo(1);
    }

    @Test
    void aShortListCountsItsMissingRanksAsMisses() {
        RankedListMetrics metrics = RankedListMetrics.of(list(3), item -> item == 5, 1, 10);

        assertThat(metrics).isEqualTo(new RankedListMetrics(0, 0, 0, 0, 0));
        assertThat(metrics.hitRate()).isZero();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> RankedListMetrics.of(list(1), item -> true, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k 0");
        assertThatThrownBy(() -> RankedListMetrics.of(list(1), item -> true, 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 relevant");
        assertThatThrownBy(() -> RankedListMetrics.of(list(1, 2, 3), item -> true, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 ranked");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void agreesWithANaiveReference(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int items = 40;
        int k = 1 + random.nextInt(12);
        float[] scores = new float[items];
        Set<Integer> relevant = new HashSet<>();
        Set<Integer> candidates = new HashSet<>();
        for (int item = 0; item < items; item++) {
            scores[item] = random.nextInt(6); // many ties
            if (random.nextInt(4) == 0) {
                relevant.add(item);
            }
            if (random.nextInt(5) != 0) {
                candidates.add(item);
            }
        }
        relevant.add(random.nextInt(items));
        // The ranking: candidates by score descending, ties to the smaller index.
        List<Integer> ranking = new ArrayList<>(candidates);
        ranking.sort((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
        List<ScoredItem> top = new ArrayList<>();
        for (int item : ranking.subList(0, Math.min(k, ranking.size()))) {
            top.add(new ScoredItem(item, scores[item]));
        }

        RankedListMetrics metrics = RankedListMetrics.of(top, relevant::contains, relevant.size(), k);
        double reciprocalRank = RankedListMetrics.reciprocalRank(scores, candidates::contains, relevant::contains);

        int hits = 0;
        double dcg = 0;
        double ap = 0;
        for (int r = 1; r <= top.size(); r++) {
            if (relevant.contains(top.get(r - 1).item())) {
                hits++;
                dcg += 1 / log2(r + 1);
                ap += hits / (double) r;
            }
        }
        double idcg = 0;
        for (int r = 1; r <= Math.min(k, relevant.size()); r++) {
            idcg += 1 / log2(r + 1);
        }
        double expectedReciprocalRank = 0;
        for (int r = 1; r <= ranking.size(); r++) {
            if (relevant.contains(ranking.get(r - 1))) {
                expectedReciprocalRank = 1.0 / r;
                break;
            }
        }
        assertThat(metrics.hits()).isEqualTo(hits);
        assertThat(metrics.precision()).isEqualTo((double) hits / k);
        assertThat(metrics.recall()).isEqualTo((double) hits / relevant.size());
        assertThat(metrics.ndcg()).isCloseTo(dcg / idcg, within(1e-12));
        assertThat(metrics.averagePrecision()).isCloseTo(ap / Math.min(k, relevant.size()), within(1e-12));
        assertThat(reciprocalRank).isEqualTo(expectedReciprocalRank);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
