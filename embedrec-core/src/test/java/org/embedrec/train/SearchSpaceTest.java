package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
    @Test
    void gridIsEveryCombinationWithTypedValues() {
        SearchSpace space = SearchSpace.parse("dimensions=16,32; l2=0.05,0.1,0.2 ;optimizer=adam");
        List<Map<String, Object>> grid = space.grid();
        assertThat(grid).hasSize(6);
        assertThat(new HashSet<>(grid)).hasSize(6);
        assertThat(grid.get(0)).containsExactly(Map.entry("dimensions", 16), Map.entry("l2", 0.05), Map.entry("optimizer", "adam"));
        assertThat(grid.get(5)).containsExactly(Map.entry("dimensions", 32), Map.entry("l2", 0.2), Map.entry("optimizer", "adam"));
        assertThat(SearchSpace.parse(space.toString()).grid()).isEqualTo(grid);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void samplesStayInsideTheirRangesAndCoverThem(long seed) {
        SearchSpace space = SearchSpace.parse("learningRate=0.0001..0.1:log;dropout=0.1..0.5;dimensions=8,16");
        assertThat(space.isGrid()).isFalse();
        SplittableRandom random = new SplittableRandom(seed);
        int belowMilli = 0;
        Set<Object> dimensions = new HashSet<>();
        for (int k = 0; k < 400; k++) {
            Map<String, Object> point = space.sample(random);
            double rate = (Double) point.get("learningRate");
            double dropout = (Double) point.get("dropout");
            assertThat(rate).isBetween(0.0001, 0.1);
            assertThat(dropout).isBetween(0.1, 0.5);
            belowMilli += rate < 0.001 ? 1 : 0;
            dimensions.add(point.get("dimensions"));
        }
        // Log-uniform puts a third of the draws in each decade; uniform would put 1%.
        assertThat(belowMilli).isBetween(90, 180);
        assertThat(dimensions).containsExactlyInAnyOrder(8, 16);
    }

    @Test
    void malformedEntriesAreNamed() {
        assertThatThrownBy(() -> SearchSpace.parse("l2")).hasMessageContaining("'l2'");
        assertThatThrownBy(() -> SearchSpace.parse("l2=0.1..0.01")).hasMessageContaining("low < high");
        assertThatThrownBy(() -> SearchSpace.parse("l2=0..1:log")).hasMessageContaining("low > 0");
        assertThatThrownBy(() -> SearchSpace.parse("l2=0.1,,0.2")).hasMessageContaining("empty value in 'l2=0.1,,0.2'");
        assertThatThrownBy(() -> SearchSpace.parse("l2=1;l2=2")).hasMessageContaining("'l2' twice");
        assertThatThrownBy(() -> SearchSpace.parse(" ; ")).hasMessageContaining("empty search space");
        assertThatThrownBy(() -> SearchSpace.parse("l2=0.01..1").grid()).hasMessageContaining("value lists");
    }
}
