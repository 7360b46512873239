package org.embedrec.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.embedrec.analysis.EmbeddingPca;
import org.embedrec.analysis.EmbeddingTable;
import org.embedrec.analysis.Tsne;
import org.embedrec.data.ItemCatalog;
import org.embedrec.io.DataFormatException;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.server.Payloads.EmbeddingMapView;
import org.embedrec.server.Payloads.MapPoint;

/**
 * A 2-D projection of a model's item vectors for the page's explorer: computed from the served
 * model ({@link Method#PCA} of its most-rated items, or {@link Method#TSNE} of fewer of them so that
 * it takes seconds), or read from a CSV file {@code item,x,y} (the deprecated {@code --map} option;
 * items the catalog does not know are left out).
 */
public final class EmbeddingMap {
    /** How a map was made; the wire names are {@code pca}, {@code tsne} and {@code file}. */
    public enum Method {
        /** The first two principal components of the item vectors. */
        PCA,
        /** Barnes-Hut t-SNE of the item vectors. */
        TSNE,
        /** Coordinates read from a CSV file. */
        FILE;

        /** The name on the wire. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The method named {@code name} ({@code pca}, {@code tsne}, {@code file}); 400 naming {@code method} otherwise. */
        static Method parse(String name) {
            for (Method method : values()) {
                if (method.wireName().equalsIgnoreCase(name.strip())) {
                    return method;
                }
            }
            throw ApiException.badField("method", "method must be pca, tsne or file, got '" + Requests.abbreviate(name) + "'");
        }
    }

    /** Most items a PCA map shows: the most rated; PCA of them takes milliseconds. */
    public static final int PCA_ITEMS = 3000;
    /** Most items a t-SNE map shows: the most rated, so that it computes in a few seconds. */
    public static final int TSNE_ITEMS = 1500;
    /** t-SNE gradient steps: enough for the clusters to settle at this size. */
    static final int TSNE_ITERATIONS = 750;

    private final Method method;
    private final String description;
    private final int[] items;
    private final float[] x;
    private final float[] y;

    private EmbeddingMap(Method method, String description, int[] items, float[] x, float[] y) {
        this.method = method;
        this.description = description;
        this.items = items;
        this.x = x;
        this.y = y;
    }

    /**
     * Reads {@code file}, resolving item ids in {@code catalog}.
     *
     * @throws DataFormatException naming the file, line and text of a malformed line
     * @throws IOException if the file cannot be read
     */
    public static EmbeddingMap read(Path file, ItemCatalog catalog) throws IOException {
        List<Integer> found = new ArrayList<>();
        List<float[]> places = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().replace("\uFEFF", "").equals("item,x,y")) {
                throw new DataFormatException(file, 1, header == null ? "" : header, "expected the header item,x,y");
            }
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != 3) {
                    throw new DataFormatException(file, number, line, "expected 3 fields item,x,y, got " + fields.length);
                }
                float px = coordinate(file, number, line, fields[1]);
                float py = coordinate(file, number, line, fields[2]);
                int item = catalog.items().tryIndex(fields[0].strip());
                if (item >= 0) {
                    found.add(item);
                    places.add(new float[] {px, py});
                }
            }
        }
        float[] xs = new float[found.size()];
        float[] ys = new float[found.size()];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = places.get(k)[0];
            ys[k] = places.get(k)[1];
        }
        return new EmbeddingMap(Method.FILE, "read from " + file.getFileName(),
                found.stream().mapToInt(Integer::intValue).toArray(), xs, ys);
    }

    private static float coordinate(Path file, long line, String text, String field) {
        try {
            float value = Float.parseFloat(field.strip());
            if (Float.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(file, line, text, "coordinate '" + field + "' is not a finite number");
    }

    /**
     * Computes the map of {@code served}'s items by {@code method} ({@link Method#PCA} or
     * {@link Method#TSNE}): the trained items with the most ratings, at most {@link #PCA_ITEMS} or
     * {@link #TSNE_ITEMS}. Deterministic: t-SNE is seeded and its map does not depend on the thread count.
     *
     * @throws ApiException 400 naming {@code model} if the model has no item vectors or too few items
     */
    static EmbeddingMap compute(ServedModel served, Method method) {
        if (!(served.model() instanceof EmbeddingModel embedding)) {
            throw ApiException.badField("model", "model '" + served.name() + "' (" + served.info().kind()
                    + ") has no item vectors to map");
        }
        int[] chosen = mostRated(served, method == Method.TSNE ? TSNE_ITEMS : PCA_ITEMS);
        boolean[] include = new boolean[served.model().items().size()];
        for (int item : chosen) {
            include[item] = true;
        }
        EmbeddingTable table = EmbeddingTable.ofItems(embedding, item -> include[item]);
        int n = table.rows();
        float[] xs = new float[n];
        float[] ys = new float[n];
        String description;
        String which = served.hasHistory() ? String.format(Locale.ROOT, "the %,d most-rated items", n)
                : String.format(Locale.ROOT, "%,d items", n);
        if (method == Method.TSNE) {
            // Perplexity must stay below the number of points; 30 is the usual value.
            double perplexity = Math.min(30, (n - 1) / 3.0);
            if (n < 4) {
                throw ApiException.badField("model", "model '" + served.name() + "' has " + n
                        + " trained items: t-SNE needs at least 4");
            }
            Tsne.Options options = Tsne.Options.defaults().withPerplexity(perplexity).withIterations(TSNE_ITERATIONS)
                    .withThreads(Runtime.getRuntime().availableProcessors());
            double[][] map = new Tsne(options).map(table);
            for (int row = 0; row < n; row++) {
                xs[row] = (float) map[row][0];
                ys[row] = (float) map[row][1];
            }
            description = String.format(Locale.ROOT, "t-SNE of %s (perplexity %.0f, %d iterations)", which, perplexity,
                    TSNE_ITERATIONS);
        } else {
            if (n < 2) {
                throw ApiException.badField("model", "model '" + served.name() + "' has " + n
                        + " trained items: PCA needs at least 2");
            }
            int components = Math.min(2, Math.min(n, table.dimensions()));
            EmbeddingPca pca = EmbeddingPca.fit(table, components);
            for (int row = 0; row < n; row++) {
                xs[row] = (float) pca.scores()[row][0];
                ys[row] = components > 1 ? (float) pca.scores()[row][1] : 0f;
            }
            double[] share = pca.explainedVarianceRatio();
            description = String.format(Locale.ROOT, "PCA of %s: the axes hold %.0f%% and %.0f%% of the variance", which,
                    100 * share[0], components > 1 ? 100 * share[1] : 0);
        }
        return new EmbeddingMap(method, description, table.indices(), xs, ys);
    }

    /** The trained items of {@code served} with the most ratings (ties by index), at most {@code limit}. */
    static int[] mostRated(ServedModel served, int limit) {
        return IntStream.range(0, served.model().items().size()).filter(served.model()::isKnownItem).boxed()
                .sorted(Comparator.comparingInt((Integer item) -> -served.popularity(item)).thenComparingInt(item -> item))
                .limit(limit).mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The points as the API returns them, titled and counted by {@code served}. */
    EmbeddingMapView view(ServedModel served) {
        ItemCatalog catalog = served.model().catalog();
        List<MapPoint> points = new ArrayList<>(items.length);
        for (int k = 0; k < items.length; k++) {
            int item = items[k];
            points.add(new MapPoint(catalog.items().id(item), catalog.title(item), catalog.genres(item),
                    served.popularity(item), x[k], y[k]));
        }
        return new EmbeddingMapView(served.name(), method.wireName(), description, points.size(), List.copyOf(points));
    }

    /** How the map was made. */
    public Method method() {
        return method;
    }

    /** Number of points. */
    public int size() {
        return items.length;
    }
}
