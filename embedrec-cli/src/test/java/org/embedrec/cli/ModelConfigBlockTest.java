package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code train}'s options block: aligned {@code key value} cells, wrapped to a width. */
class ModelConfigBlockTest {
    @Test
    void cellsAreAlignedInColumnsAndWrappedToTheWidth() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("dimensions", 64);
        options.put("l2", 0.020000000298023224);
        options.put("loss", "BPR");
        options.put("positiveThreshold", "all");
        options.put("epochs", 20);

        // The widest cell, "positiveThreshold all", is 21 characters: cells of 24, three to a 80-column line.
        assertThat(ModelConfig.block(options, 80)).isEqualTo(
                "  dimensions 64           l2 0.02                 loss BPR\n"
                + "  positiveThreshold all   epochs 20\n");
    }

    @Test
    void aNarrowWidthStillShowsOneCellPerLine() {
        String block = ModelConfig.block(Map.of("dimensions", 64), 5);

        assertThat(block).isEqualTo("  dimensions 64\n");
        assertThat(ModelConfig.block(Map.of(), 80)).isEmpty();
        assertThat(List.of(block.split("\n"))).allMatch(line -> !line.endsWith(" "));
    }
}
