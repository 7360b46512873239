package org.embedrec.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The item description file: read back as written, later descriptions replacing earlier ones, bad files named. */
class ItemMetadataStoreTest {
    @TempDir
    Path dir;

    @Test
    void descriptionsAreReadBackAfterAReopenAndALaterOneReplacesAnEarlierOne() throws IOException {
        Path file = dir.resolve(ItemMetadataStore.FILE);
        ItemMetadataStore store = ItemMetadataStore.open(file);
        assertThat(store.items()).isEmpty();
        assertThat(file).doesNotExist();
        store.put(List.of(new ItemMetadata("a", "A (2001)", 2001, List.of("Drama", "Comedy")),
                new ItemMetadata("b", null, null, List.of())));
        store.put(List.of(new ItemMetadata("a", "A, the cut (2002)", null, List.of("Drama"))));
        List<ItemMetadata> expected = List.of(new ItemMetadata("a", "A, the cut (2002)", null, List.of("Drama")),
                new ItemMetadata("b", null, null, List.of()));
        assertThat(store.items()).isEqualTo(expected);
        assertThat(ItemMetadataStore.open(file).items()).isEqualTo(expected);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void aFileOfAnotherFormatOrVersionIsRefusedNamingIt() throws IOException {
        Path file = dir.resolve(ItemMetadataStore.FILE);
        Files.writeString(file, "{\"format\": \"embedrec-item-metadata\", \"version\": 9, \"items\": []}");
        assertThatThrownBy(() -> ItemMetadataStore.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("version 9 is not supported");
        Files.writeString(file, "[1, 2");
        assertThatThrownBy(() -> ItemMetadataStore.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a JSON item metadata file");
        Files.writeString(file, "{\"format\": \"embedrec-item-metadata\", \"version\": 1, \"items\": [{\"id\": \" \"}]}");
        assertThatThrownBy(() -> ItemMetadataStore.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("items[0]").hasMessageContaining("id must be 1 to");
    }
}
