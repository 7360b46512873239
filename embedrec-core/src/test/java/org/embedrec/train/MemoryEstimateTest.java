package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.family.Trainers;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 18, item 4: size options once crashed the JVM; now a fit is refused, with the estimate, before it allocates. */
class MemoryEstimateTest {
    private static final Ratings SMALL = RatingFixtures.random(18, 30, 40, 400);

    @Test
    void aNetworkLargerThanTheHeapIsRefusedBeforeAllocatingNamingEstimateAndHeap() {
        // Failed on main with an OutOfMemoryError: two 40,000-wide layers hold 1.6 billion weights.
        RecommenderTrainer<?> trainer = Trainers.create("deep", Map.of("hidden", List.of(40000, 40000), "patience", 0));

        assertThat(trainer.estimatedBytes(610, 9742, 100_836)).isGreaterThan(4L * 1_600_000_000L);
        assertThatThrownBy(() -> trainer.fit(SMALL, ItemCatalog.untitled(SMALL.items())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("training deep on 30 users, 40 items and 400 ratings needs an estimated ")
                .hasMessageContaining("MiB of heap, but the Java heap has ")
                .hasMessageContaining("MiB at most (-Xmx)");
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000_000, 1_000_000_000})
    void aBatchSizeBeyondTheLimitIsRefusedWithTheRange(int batchSize) {
        assertThatThrownBy(() -> Trainers.create("mf", Map.of("batchSize", batchSize)))
                .hasMessageContaining("batchSize must be in [1, 1048576]")
                .hasMessageContaining("got " + batchSize);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mf", "bpr", "deep", "hybrid", "classifier", "item-knn"})
    void everyPresetsEstimateForMlLatestSmallIsModestAndGrowsWithTheData(String preset) {
        RecommenderTrainer<?> trainer = Trainers.create(preset, Map.of());
        long small = trainer.estimatedBytes(610, 9742, 100_836);

        assertThat(small).isPositive().isLessThan(512L << 20);
        assertThat(trainer.estimatedBytes(162_541, 59_047, 25_000_095)).isGreaterThan(small);
    }

    @Test
    void hugeSizesSaturateInsteadOfOverflowing() {
        RecommenderTrainer<?> trainer = Trainers.create("deep", Map.of("hidden", List.of(65536, 65536, 65536),
                "dimensions", 4096));

        assertThat(trainer.estimatedBytes(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }
}
