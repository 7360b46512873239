package org.embedrec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.embedrec.analysis.Histogram;
import org.embedrec.model.EpochRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.internal.chartpart.Chart;

class ChartsTest {
    @TempDir
    Path dir;

    /** Decodes the PNG, checks its size and that it shows more than a blank background. */
    static BufferedImage assertPicture(Path png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s decodes", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        Set<Integer> colours = new HashSet<>();
        int nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours in %s", png).isGreaterThan(10);
        assertThat(nonWhite).as("non-white pixels in %s", png).isGreaterThan(500);
        return image;
    }

    private Path write(Chart<?, ?> chart, String name) throws IOException {
        return Charts.writePng(chart, dir.resolve("sub").resolve(name + ".png"));
    }

    @Test
    void trainingCurvesOfTwoModelsRender() throws IOException {
        List<EpochRecord> first = List.of(new EpochRecord(1, 1.2, 1.1, Map.of("rmse", 1.0), 1, 0.01),
                new EpochRecord(2, 0.8, 0.95, Map.of("rmse", 0.93), 1, 0.01));
        List<EpochRecord> second = List.of(new EpochRecord(1, 1.0, Double.NaN, Map.of(), 1, 0.01));
        List<EpochRecord> ranking = List.of(new EpochRecord(1, 0.5, Double.NaN, Map.of("ndcg@10", 0.07), 1, 0.01));
        var chart = Charts.trainingCurves(new java.util.LinkedHashMap<>(Map.of("a", first, "b", second, "c", ranking)));
        assertThat(chart.getSeriesMap().keySet()).containsExactlyInAnyOrder("a train loss", "a validation loss",
                "a validation RMSE", "b train loss", "c train loss", "c validation NDCG@10");
        assertPicture(write(chart, "training"), Charts.WIDTH, Charts.HEIGHT);
        assertThatThrownBy(() -> Charts.trainingCurves(Map.of("empty", List.of()))).hasMessageContaining("no training history");
    }

    @Test
    void scatterHistogramsAndGroupedMapsRender() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        float[] truth = new float[500];
        float[] predicted = new float[500];
        double[] values = new double[500];
        for (int k = 0; k < truth.length; k++) {
            truth[k] = 1 + random.nextInt(5);
            predicted[k] = (float) (truth[k] + 0.5 * random.nextGaussian());
            values[k] = random.nextDouble() * 2 - 1;
        }
        assertPicture(write(Charts.predictedVsTrue(truth, predicted), "scatter"), Charts.WIDTH, Charts.HEIGHT);
        assertPicture(write(Charts.histogram("similarity", "cosine", Histogram.of(values, 20, -1, 1)), "hist"),
                Charts.WIDTH, Charts.HEIGHT);
        TreeMap<Float, Integer> ratings = new TreeMap<>(Map.of(1f, 10, 2.5f, 30, 4f, 50, 5f, 20));
        assertPicture(write(Charts.ratingHistogram(ratings), "ratings"), Charts.WIDTH, Charts.HEIGHT);

        double[] x = new double[60];
        double[] y = new double[60];
        int[] group = new int[60];
        for (int p = 0; p < 60; p++) {
            group[p] = p % 3;
            x[p] = group[p] * 10 + random.nextGaussian();
            y[p] = random.nextGaussian();
        }
        String[] labels = new String[60];
        labels[0] = "<b>Label</b> & co";
        var map = Charts.groupedScatter("map", "", "", x, y, group, List.of("a", "b", "c"), Arrays.asList(labels),
                new int[] {0}).chart();
        assertThat(map.getSeriesMap()).containsOnlyKeys("a", "b", "c");
        assertThat(map.getSeriesMap().get("b").getXData()).hasSize(20);
        assertPicture(write(map, "map"), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void mismatchedInputsAreRefused() {
        assertThatThrownBy(() -> Charts.predictedVsTrue(new float[2], new float[3]))
                .hasMessageContaining("got 2 and 3");
        assertThatThrownBy(() -> Charts.groupedScatter("t", "", "", new double[2], new double[2], new int[1],
                List.of("a"), Arrays.asList(null, null), new int[0])).hasMessageContaining("one entry per point");
    }

    /**
     * A crowded centre, as on a PCA scatter, with every point asking for a long label: the placed
     * labels must not overlap, must stay inside the picture, and must be drawn where their boxes say.
     */
    @Test
    void scatterLabelsNeverOverlap() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        int n = 400;
        double[] x = new double[n];
        double[] y = new double[n];
        int[] group = new int[n];
        String[] labels = new String[n];
        int[] order = new int[n];
        for (int p = 0; p < n; p++) {
            double spread = p < 300 ? 0.3 : 2;
            x[p] = spread * random.nextGaussian();
            y[p] = spread * random.nextGaussian();
            group[p] = p % 2;
            labels[p] = "Star Wars: Episode " + p + " (1977)";
            order[p] = p;
        }
        Charts.Scatter scatter = Charts.groupedScatter("crowded", "PC1", "PC2", x, y, group, List.of("a", "b"),
                Arrays.asList(labels), order);
        List<ScatterLabels.Placed> placed = scatter.labels();
        assertThat(placed).hasSizeBetween(4, Charts.MAX_LABELS);
        for (int a = 0; a < placed.size(); a++) {
            var box = placed.get(a).box();
            assertThat(box.getWidth()).as("label width").isGreaterThan(60);
            assertThat(box.getMinX()).isGreaterThanOrEqualTo(0);
            assertThat(box.getMinY()).isGreaterThanOrEqualTo(0);
            assertThat(box.getMaxX()).isLessThanOrEqualTo(Charts.WIDTH);
            assertThat(box.getMaxY()).isLessThanOrEqualTo(Charts.HEIGHT);
            for (int b = a + 1; b < placed.size(); b++) {
                assertThat(box.intersects(placed.get(b).box())).as("%s overlaps %s", placed.get(a).text(),
                        placed.get(b).text()).isFalse();
            }
        }
        // The text is drawn inside its box: dark pixels fill the box's core, in black annotation text.
        BufferedImage image = assertPicture(write(scatter.chart(), "labels"), Charts.WIDTH, Charts.HEIGHT);
        for (ScatterLabels.Placed label : placed) {
            var box = label.box();
            int dark = 0;
            for (int py = (int) box.getMinY() + 1; py < box.getMaxY() - 1; py++) {
                for (int px = (int) box.getMinX() + 1; px < box.getMaxX() - 1; px++) {
                    int rgb = image.getRGB(px, py);
                    if (((rgb >> 16) & 0xFF) < 80 && ((rgb >> 8) & 0xFF) < 80 && (rgb & 0xFF) < 80) {
                        dark++;
                    }
                }
            }
            assertThat(dark).as("dark text pixels in the box of %s", label.text()).isGreaterThan(50);
        }
    }

    @Test
    void trainingMetricsHaveTheirOwnAxis() {
        List<EpochRecord> history = List.of(new EpochRecord(1, 0.7, Double.NaN, Map.of("ndcg@10", 0.1), 1, 0.01),
                new EpochRecord(2, 0.5, Double.NaN, Map.of("ndcg@10", 0.15), 1, 0.01));
        var chart = Charts.trainingCurves(Map.of("bpr", history));
        assertThat(chart.getSeriesMap().keySet()).containsExactlyInAnyOrder("train loss", "validation NDCG@10");
        assertThat(chart.getSeriesMap().get("train loss").getYAxisGroup()).isZero();
        assertThat(chart.getSeriesMap().get("validation NDCG@10").getYAxisGroup()).isEqualTo(1);
    }
}
