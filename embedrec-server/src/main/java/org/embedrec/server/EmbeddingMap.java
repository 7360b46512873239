package org.embedrec.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.data.ItemCatalog;
import org.embedrec.io.DataFormatException;
import org.embedrec.server.Payloads.EmbeddingMapView;
import org.embedrec.server.Payloads.MapPoint;

/**
 * A 2-D projection of the item embeddings (t-SNE or PCA) for the web page's map, read from a CSV
 * file with the header {@code item,x,y} and one row per item (external item id, coordinates).
 * Items the catalog does not know are left out: the file may come from another model of the same
 * data.
 */
public final class EmbeddingMap {
    private final EmbeddingMapView view;

    private EmbeddingMap(EmbeddingMapView view) {
        this.view = view;
    }

    /**
     * Reads {@code file}, titling points from {@code catalog}.
     *
     * @throws DataFormatException naming the file, line and text of a malformed line
     * @throws IOException if the file cannot be read
     */
    public static EmbeddingMap read(Path file, ItemCatalog catalog) throws IOException {
        List<MapPoint> points = new ArrayList<>();
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
                float x = coordinate(file, number, line, fields[1]);
                float y = coordinate(file, number, line, fields[2]);
                int item = catalog.items().tryIndex(fields[0].strip());
                if (item >= 0) {
                    points.add(new MapPoint(fields[0].strip(), catalog.title(item), x, y));
                }
            }
        }
        return new EmbeddingMap(new EmbeddingMapView(points.size(), List.copyOf(points)));
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

    /** The points, as the API returns them. */
    EmbeddingMapView view() {
        return view;
    }

    /** Number of points. */
    public int size() {
        return view.points().size();
    }
}
