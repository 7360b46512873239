package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.io.InteractionLoader.Aggregation;
import org.junit.jupiter.api.Test;

/** Command-line flags written over a spec file's keys, as {@code embedrec} and the Spark jobs do. */
class DataSpecOverridesTest {
    private static final DataSpec.Overrides NONE = new DataSpec.Overrides(null, false, null, null, null, null, null, null,
            null, null, null, null, null);

    @Test
    void noFlagsLeaveTheSpecFileAsItIs() {
        Map<String, Object> file = specFile();
        Map<String, Object> map = new LinkedHashMap<>(file);
        NONE.applyTo(map);
        assertThat(NONE.any()).isFalse();
        assertThat(DataSpec.fromMap(map, Path.of("."))).isEqualTo(DataSpec.fromMap(file, Path.of(".")));
    }

    @Test
    void givenFlagsReplaceOnlyTheirKeysAndLeaveTheFileMapUntouched() {
        Map<String, Object> file = specFile();
        Map<String, Object> map = new LinkedHashMap<>(file);
        DataSpec.Overrides flags = new DataSpec.Overrides(null, true, null, "sku", null, null, null, "view=2,buy=7", null,
                null, null, "count", "products.csv");
        flags.applyTo(map);
        DataSpec spec = DataSpec.fromMap(map, Path.of("/data"));

        assertThat(flags.any()).isTrue();
        assertThat(spec.columns().user()).isEqualTo("customer");
        assertThat(spec.columns().item()).isEqualTo("sku");
        assertThat(spec.header()).isFalse();
        assertThat(spec.eventWeights()).isEqualTo(Map.of("view", 2f, "buy", 7f));
        assertThat(spec.aggregate()).isEqualTo(Aggregation.COUNT);
        assertThat(spec.items().source()).isEqualTo(Path.of("/data/products.csv").toString());
        assertThat(file.get("columns")).isEqualTo(Map.of("user", "customer", "item", "product"));
    }

    @Test
    void anyCountsEveryFlag() {
        assertThat(new DataSpec.Overrides("csv", false, null, null, null, null, null, null, null, null, null, null, null).any()).isTrue();
        assertThat(new DataSpec.Overrides(null, false, null, null, null, null, null, null, null, null, null, null, "items.csv").any())
                .isTrue();
    }

    private static Map<String, Object> specFile() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", "purchases.csv");
        map.put("columns", Map.of("user", "customer", "item", "product"));
        map.put("event-weights", Map.of("view", 1, "buy", 5));
        return map;
    }
}
