package org.embedrec.analysis;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.GenreEmbeddings;
import org.embedrec.model.Recommender;
import org.embedrec.model.UserEmbeddings;

/**
 * Writes embeddings for the TensorBoard Embedding Projector: per tensor a {@code tensors.tsv} (one
 * vector per line, tab-separated) and a {@code metadata.tsv} (a header line, then one row per vector),
 * and one {@code projector_config.pbtxt} listing them all, as TensorBoard's projector plugin reads
 * it ({@code embeddings { tensor_name tensor_shape tensor_path metadata_path }}). A
 * {@code projector_config.json} with the same content serves the standalone projector
 * (projector.tensorflow.org, "Publish" format).
 *
 * <p>The first tensor's files are named {@code tensors.tsv} and {@code metadata.tsv}, which is what
 * the standalone projector's "Load" dialog expects; further tensors are prefixed with their name
 * ({@code users-tensors.tsv}). Tabs and line breaks inside metadata are replaced by spaces, as the
 * format has no quoting.
 */
public final class ProjectorExport {
    /** The config file TensorBoard reads. */
    public static final String CONFIG_FILE = "projector_config.pbtxt";
    /** The config file of the standalone projector. */
    public static final String JSON_CONFIG_FILE = "projector_config.json";
    /** Metadata columns of the item tensor. */
    public static final List<String> ITEM_HEADER = List.of("title", "genres", "year", "popularity");

    private ProjectorExport() {
    }

    /**
     * The tensors a model offers: its items (those for which {@code includeItem} is true, with title,
     * genres, year and training rating count), its users when it has {@link UserEmbeddings} and its
     * genre tags when it has {@link GenreEmbeddings}.
     *
     * @param itemCounts training ratings per item, the popularity column
     * @param userCounts training ratings per user, or null when unknown (the column is then left empty)
     */
    public static List<ProjectorTensor> tensorsOf(Recommender model, int[] itemCounts, int[] userCounts,
            IntPredicate includeItem) {
        List<ProjectorTensor> tensors = new ArrayList<>();
        if (model instanceof EmbeddingModel embedding) {
            tensors.add(items(EmbeddingTable.ofItems(embedding, includeItem), embedding.catalog(), itemCounts));
        }
        if (model instanceof UserEmbeddings users) {
            EmbeddingTable table = EmbeddingTable.ofAll(model.users().size(), users.userDimensions(), users::userVector);
            List<List<String>> rows = new ArrayList<>();
            for (int user = 0; user < table.rows(); user++) {
                rows.add(List.of(model.users().id(user), userCounts == null ? "" : String.valueOf(userCounts[user])));
            }
            tensors.add(new ProjectorTensor("users", table, List.of("user", "ratings"), rows));
        }
        if (model instanceof GenreEmbeddings genres) {
            List<String> names = model.catalog().genreNames();
            EmbeddingTable table = EmbeddingTable.ofAll(names.size(), genres.genreDimensions(), genres::genreVector);
            int[] genreItems = new int[names.size()];
            for (int item = 0; item < model.catalog().size(); item++) {
                for (int genre : model.catalog().genreIndices(item)) {
                    genreItems[genre]++;
                }
            }
            List<List<String>> rows = new ArrayList<>();
            for (int genre = 0; genre < names.size(); genre++) {
                rows.add(List.of(names.get(genre), String.valueOf(genreItems[genre])));
            }
            tensors.add(new ProjectorTensor("genres", table, List.of("genre", "items"), rows));
        }
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("this model has no embeddings to export: " + model);
        }
        return tensors;
    }

    /** The item tensor of {@code table} with columns {@link #ITEM_HEADER}. */
    public static ProjectorTensor items(EmbeddingTable table, ItemCatalog catalog, int[] itemCounts) {
        List<List<String>> rows = new ArrayList<>(table.rows());
        for (int item : table.indices()) {
            int year = catalog.year(item);
            rows.add(List.of(catalog.title(item), String.join("|", catalog.genres(item)),
                    year == ItemCatalog.UNKNOWN_YEAR ? "" : String.valueOf(year), String.valueOf(itemCounts[item])));
        }
        return new ProjectorTensor("items", table, ITEM_HEADER, rows);
    }

    /**
     * Writes {@code tensors} and the configs into {@code dir} (created if needed).
     *
     * @return the files written
     */
    public static List<Path> write(Path dir, List<ProjectorTensor> tensors) throws IOException {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("no tensors to export");
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        StringBuilder pbtxt = new StringBuilder();
        StringBuilder json = new StringBuilder("{\n  \"embeddings\": [");
        for (int t = 0; t < tensors.size(); t++) {
            ProjectorTensor tensor = tensors.get(t);
            String prefix = t == 0 ? "" : fileSafe(tensor.name()) + "-";
            String tensorFile = prefix + "tensors.tsv";
            String metadataFile = prefix + "metadata.tsv";
            written.add(writeTensor(dir.resolve(tensorFile), tensor.table()));
            written.add(writeMetadata(dir.resolve(metadataFile), tensor));
            pbtxt.append("embeddings {\n")
                    .append("  tensor_name: ").append(quoted(tensor.name())).append('\n')
                    .append("  tensor_shape: ").append(tensor.table().rows()).append('\n')
                    .append("  tensor_shape: ").append(tensor.table().dimensions()).append('\n')
                    .append("  tensor_path: ").append(quoted(tensorFile)).append('\n')
                    .append("  metadata_path: ").append(quoted(metadataFile)).append('\n')
                    .append("}\n");
            json.append(t == 0 ? "\n" : ",\n")
                    .append("    {\"tensorName\": ").append(quoted(tensor.name()))
                    .append(", \"tensorShape\": [").append(tensor.table().rows()).append(", ")
                    .append(tensor.table().dimensions()).append("], \"tensorPath\": ").append(quoted(tensorFile))
                    .append(", \"metadataPath\": ").append(quoted(metadataFile)).append('}');
        }
        json.append("\n  ]\n}\n");
        Path config = dir.resolve(CONFIG_FILE);
        Files.writeString(config, pbtxt, StandardCharsets.UTF_8);
        written.add(config);
        Path jsonConfig = dir.resolve(JSON_CONFIG_FILE);
        Files.writeString(jsonConfig, json, StandardCharsets.UTF_8);
        written.add(jsonConfig);
        return written;
    }

    private static Path writeTensor(Path file, EmbeddingTable table) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int row = 0; row < table.rows(); row++) {
                for (int k = 0; k < table.dimensions(); k++) {
                    if (k > 0) {
                        out.write('\t');
                    }
                    out.write(Float.toString(table.get(row, k)));
                }
                out.write('\n');
            }
        }
        return file;
    }

    private static Path writeMetadata(Path file, ProjectorTensor tensor) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeRow(out, tensor.header());
            for (List<String> row : tensor.metadata()) {
                writeRow(out, row);
            }
        }
        return file;
    }

    private static void writeRow(BufferedWriter out, List<String> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                out.write('\t');
            }
            out.write(cells.get(c).replaceAll("[\t\r\n]", " "));
        }
        out.write('\n');
    }

    /** A string literal valid in both protobuf text format and JSON. */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String fileSafe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
