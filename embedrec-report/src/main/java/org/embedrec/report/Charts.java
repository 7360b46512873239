package org.embedrec.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.embedrec.analysis.Histogram;
import org.embedrec.model.EpochRecord;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, built with XChart and written as PNG without a display. Each method returns
 * the chart so callers can restyle it before {@link #writePng}.
 */
public final class Charts {
    /** Default picture width in pixels. */
    public static final int WIDTH = 800;
    /** Default picture height in pixels. */
    public static final int HEIGHT = 500;

    /** Distinguishable colours for groups (Tableau 10), the last one for "other". */
    static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC),
    };

    private Charts() {
    }

    /**
     * Training loss, validation loss and the validation figure per epoch (RMSE for rating models, NDCG@10
     * for ranking models) for one or several models (the map's keys name them, in legend order). Every
     * per-epoch figure is the validation part's, never the test part's. Series that were not measured are
     * left out.
     */
    public static XYChart trainingCurves(Map<String, List<EpochRecord>> histories) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Training history")
                .xAxisTitle("epoch").yAxisTitle("loss / validation figure").build();
        style(chart);
        for (Map.Entry<String, List<EpochRecord>> model : histories.entrySet()) {
            List<EpochRecord> history = model.getValue();
            if (history.isEmpty()) {
                continue;
            }
            String prefix = histories.size() > 1 ? model.getKey() + " " : "";
            addSeries(chart, prefix + "train loss", history, EpochRecord::trainLoss);
            addSeries(chart, prefix + "validation loss", history, EpochRecord::validationLoss);
            addSeries(chart, prefix + "validation RMSE", history, r -> r.metrics().getOrDefault("rmse", Double.NaN));
            addSeries(chart, prefix + "validation NDCG@10", history, r -> r.metrics().getOrDefault("ndcg@10", Double.NaN));
        }
        if (chart.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException("no training history to plot");
        }
        return chart;
    }

    private static void addSeries(XYChart chart, String name, List<EpochRecord> history,
            java.util.function.ToDoubleFunction<EpochRecord> value) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochRecord record : history) {
            double v = value.applyAsDouble(record);
            if (Double.isFinite(v)) {
                x.add((double) record.epoch());
                y.add(v);
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }

    /**
     * Predicted against true ratings, one translucent dot per rating (alpha 0.1 as in the tutorial, so
     * dense regions show), and the diagonal of perfect prediction.
     */
    public static XYChart predictedVsTrue(float[] truth, float[] predicted) {
        if (truth.length != predicted.length || truth.length == 0) {
            throw new IllegalArgumentException("need equally many true and predicted ratings, got " + truth.length
                    + " and " + predicted.length);
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Predicted vs. true rating (test set)")
                .xAxisTitle("true rating").yAxisTitle("predicted rating").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(5);
        XYSeries dots = chart.addSeries("ratings", truth, predicted);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(new Color(0x4E, 0x79, 0xA7, 26));
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < truth.length; k++) {
            low = Math.min(low, Math.min(truth[k], predicted[k]));
            high = Math.max(high, Math.max(truth[k], predicted[k]));
        }
        XYSeries diagonal = chart.addSeries("perfect", new double[] {low, high}, new double[] {low, high});
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.DARK_GRAY);
        diagonal.setLineStyle(new BasicStroke(1.5f));
        return chart;
    }

    /** Counts per rating value (e.g. {@link org.embedrec.data.DatasetSummary#ratingHistogram()}). */
    public static CategoryChart ratingHistogram(NavigableMap<Float, Integer> counts) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Ratings")
                .xAxisTitle("rating").yAxisTitle("count").build();
        styleBars(chart);
        List<String> labels = counts.keySet().stream().map(v -> v % 1 == 0 ? String.valueOf(v.intValue()) : v.toString()).toList();
        chart.addSeries("ratings", labels, new ArrayList<Number>(counts.values()));
        return chart;
    }

    /** A histogram, e.g. of {@link org.embedrec.analysis.SimilarityProfile#histogram(int)}, as bars at bin centres. */
    public static CategoryChart histogram(String title, String xAxisTitle, Histogram histogram) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle("count").build();
        styleBars(chart);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        List<Double> centres = new ArrayList<>();
        List<Number> counts = new ArrayList<>();
        long[] values = histogram.counts();
        for (int bin = 0; bin < histogram.bins(); bin++) {
            centres.add(histogram.binCentre(bin));
            counts.add(values[bin]);
        }
        chart.addSeries(title, centres, counts);
        return chart;
    }

    /**
     * A scatter of points coloured by group, with some points labelled: the PCA scatter (scores of two
     * components) and the t-SNE map both use it.
     *
     * @param x horizontal coordinate per point
     * @param y vertical coordinate per point
     * @param group group index per point, into {@code groupNames} (at most {@link #PALETTE} length groups)
     * @param labels text per point to draw beside it, or null entries for unlabelled points
     */
    public static XYChart groupedScatter(String title, String xAxisTitle, String yAxisTitle, double[] x, double[] y,
            int[] group, List<String> groupNames, List<String> labels) {
        if (x.length != y.length || x.length != group.length || x.length != labels.size()) {
            throw new IllegalArgumentException("x, y, group and labels must have one entry per point");
        }
        if (groupNames.size() > PALETTE.length) {
            throw new IllegalArgumentException("at most " + PALETTE.length + " groups, got " + groupNames.size());
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        style(chart);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendVisible(groupNames.size() > 1);
        for (int g = 0; g < groupNames.size(); g++) {
            List<Double> gx = new ArrayList<>();
            List<Double> gy = new ArrayList<>();
            for (int p = 0; p < x.length; p++) {
                if (group[p] == g) {
                    gx.add(x[p]);
                    gy.add(y[p]);
                }
            }
            if (gx.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(groupNames.get(g), gx, gy);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            series.setMarker(SeriesMarkers.CIRCLE);
            Color colour = PALETTE[g];
            series.setMarkerColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 150));
        }
        for (int p = 0; p < x.length; p++) {
            if (labels.get(p) != null) {
                chart.addAnnotation(new AnnotationText(labels.get(p), x[p], y[p], false));
            }
        }
        return chart;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setAntiAlias(true);
    }

    private static void styleBars(CategoryChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAvailableSpaceFill(0.95);
        chart.getStyler().setOverlapped(true);
    }

    /** Writes {@code chart} as a PNG of its width and height to {@code file} (folders created). */
    public static Path writePng(Chart<?, ?> chart, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (var out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }
}
