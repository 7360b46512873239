package org.embedrec.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata of items that clients described ({@code POST /items}), kept durably in one JSON file:
 * {@code {"format": "embedrec-item-metadata", "version": 1, "items": [{"id", "title", "year",
 * "genres"}]}}. A later description of an item replaces the earlier one. Every save writes the
 * whole file to a temporary file in the same folder, forces it to disk and moves it over the old
 * one atomically, so a crash leaves the old or the new file, never half of one; a save returns
 * once it is durable. Meant for the items the models do not know, hundreds or thousands, not for
 * a whole catalog. Thread-safe.
 */
public final class ItemMetadataStore {
    /** The format name in the file. */
    static final String FORMAT = "embedrec-item-metadata";
    /** The file format version written and read. */
    static final int VERSION = 1;
    /** The file's name in a log store's folder. */
    public static final String FILE = "items.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final Map<String, ItemMetadata> items = new LinkedHashMap<>();

    private ItemMetadataStore(Path file) {
        this.file = file;
    }

    /**
     * Opens {@code file}, reading the items it holds; a missing file is an empty store, created on
     * the first save.
     *
     * @throws IOException if the file cannot be read, or is not an item metadata file of a known
     *     version (the message names the file and what is wrong)
     */
    public static ItemMetadataStore open(Path file) throws IOException {
        ItemMetadataStore store = new ItemMetadataStore(file);
        if (Files.exists(file)) {
            store.read();
        }
        return store;
    }

    private void read() throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a JSON item metadata file: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + ": not an item metadata file (format must be \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt() != VERSION) {
            throw new IOException(file + ": item metadata version " + root.path("version") + " is not supported; this"
                    + " server reads version " + VERSION);
        }
        JsonNode list = root.path("items");
        for (int k = 0; k < list.size(); k++) {
            JsonNode node = list.get(k);
            try {
                List<String> genres = new ArrayList<>();
                node.path("genres").forEach(genre -> genres.add(genre.asText()));
                ItemMetadata item = new ItemMetadata(node.path("id").asText(null),
                        node.hasNonNull("title") ? node.get("title").asText() : null,
                        node.hasNonNull("year") ? node.get("year").asInt() : null, genres);
                items.put(item.id(), item);
            } catch (RuntimeException e) {
                throw new IOException(file + ": items[" + k + "]: " + e.getMessage(), e);
            }
        }
    }

    /** Every item described, in the order first described. */
    public synchronized List<ItemMetadata> items() {
        return List.copyOf(items.values());
    }

    /** Where the items are kept. */
    public Path file() {
        return file;
    }

    /**
     * Stores {@code described} durably, each replacing an earlier description of its id; on failure
     * nothing of it is stored.
     *
     * @throws IOException if the file could not be written; then the old file stays
     */
    public synchronized void put(List<ItemMetadata> described) throws IOException {
        Map<String, ItemMetadata> next = new LinkedHashMap<>(items);
        for (ItemMetadata item : described) {
            next.put(item.id(), item);
        }
        write(next.values());
        items.clear();
        items.putAll(next);
    }

    private void write(Iterable<ItemMetadata> all) throws IOException {
        ObjectNode root = MAPPER.createObjectNode().put("format", FORMAT).put("version", VERSION);
        ArrayNode list = root.putArray("items");
        for (ItemMetadata item : all) {
            ObjectNode node = list.addObject().put("id", item.id());
            if (item.title() != null) {
                node.put("title", item.title());
            }
            if (item.year() != null) {
                node.put("year", item.year());
            }
            ArrayNode genres = node.putArray("genres");
            item.genres().forEach(genres::add);
        }
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, FILE, ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncFolder(folder);
    }

    /** Forces the folder's entry of the moved file to disk (where the platform allows it). */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a folder for reading; the move itself is atomic.
        }
    }
}
