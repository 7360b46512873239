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

    /**
     * Colours for groups that stay apart for every kind of colour vision (Okabe and Ito's eight, the
     * yellow darkened for white paper); the last, grey, is for "other". Eight are few on purpose:
     * rarer groups are folded into "other" rather than given colours no one can tell apart.
     */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00), new Color(0x56B4E9),
        new Color(0xCC79A7), new Color(0xB8A200), new Color(0x999999),
    };

    /** Most labels drawn on a scatter; {@link ScatterLabels} may draw fewer where they would collide. */
    public static final int MAX_LABELS = 12;

    private Charts() {
    }

    /**
     * Training and validation loss (left axis) and the validation metrics (right axis, e.g. RMSE or
     * NDCG@10) per epoch for one or several models (the map's keys name them, in legend order). Every
     * per-epoch figure is the validation part's, never the test part's. Series that were not measured
     * are left out; the legend sits below the plot, where it hides nothing.
     */
    public static XYChart trainingCurves(Map<String, List<EpochRecord>> histories) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Training history")
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisDecimalPattern("0");
        boolean anyMetric = false;
        for (Map.Entry<String, List<EpochRecord>> model : histories.entrySet()) {
            List<EpochRecord> history = model.getValue();
            if (history.isEmpty()) {
                continue;
            }
            String prefix = histories.size() > 1 ? model.getKey() + " " : "";
            addSeries(chart, prefix + "train loss", history, EpochRecord::trainLoss, 0);
            addSeries(chart, prefix + "validation loss", history, EpochRecord::validationLoss, 0);
            for (String metric : metricNames(history)) {
                anyMetric |= addSeries(chart, prefix + "validation " + metricLabel(metric), history,
                        r -> r.metrics().getOrDefault(metric, Double.NaN), 1);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException("no training history to plot");
        }
        if (anyMetric) {
            chart.setYAxisGroupTitle(1, "validation metric");
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        return chart;
    }

    /** The metric names recorded in {@code history}, in first-seen order. */
    static List<String> metricNames(List<EpochRecord> history) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        history.forEach(record -> names.addAll(record.metrics().keySet()));
        return List.copyOf(names);
    }

    /** "rmse" as "RMSE", "ndcg@10" as "NDCG@10": metric names as the tables print them. */
    static String metricLabel(String metric) {
        return metric.toUpperCase(java.util.Locale.ROOT);
    }

    private static boolean addSeries(XYChart chart, String name, List<EpochRecord> history,
            java.util.function.ToDoubleFunction<EpochRecord> value, int axis) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochRecord record : history) {
            double v = value.applyAsDouble(record);
            if (Double.isFinite(v)) {
                x.add((double) record.epoch());
                y.add(v);
            }
        }
        if (x.isEmpty()) {
            return false;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setYAxisGroup(axis);
        return true;
    }

    /**
     * Predicted against true ratings, one translucent dot per rating (alpha 0.1 as in the tutorial, so
     * dense regions show), and the diagonal of perfect prediction. Both axes span the ratings seen.
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

    /**
     * A histogram, e.g. of {@link org.embedrec.analysis.SimilarityProfile#histogram(int)}, as filled
     * steps over a numeric axis, so ticks fall on round values rather than on bin centres.
     */
    public static XYChart histogram(String title, String xAxisTitle, Histogram histogram) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle("count").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisDecimalPattern("0.0#");
        long[] values = histogram.counts();
        double[] edges = new double[histogram.bins() + 1];
        double[] counts = new double[histogram.bins() + 1];
        for (int bin = 0; bin < histogram.bins(); bin++) {
            edges[bin] = histogram.binLow(bin);
            counts[bin] = values[bin];
        }
        // The last step needs its right edge; it repeats the last bin's height.
        edges[histogram.bins()] = histogram.high();
        counts[histogram.bins()] = values[histogram.bins() - 1];
        XYSeries series = chart.addSeries(title, edges, counts);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(new Color(0x0072B2));
        series.setLineColor(new Color(0x0072B2));
        return chart;
    }

    /**
     * Two score distributions on one axis, as translucent filled steps: a ranking model's scores of
     * held-out liked items against those of random unrated items.
     */
    public static XYChart scoreDistributions(double[] liked, double[] random) {
        if (liked.length == 0 || random.length == 0) {
            throw new IllegalArgumentException("need scores of both kinds, got " + liked.length + " and " + random.length);
        }
        double low = Math.min(java.util.Arrays.stream(liked).min().getAsDouble(), java.util.Arrays.stream(random).min().getAsDouble());
        double high = Math.max(java.util.Arrays.stream(liked).max().getAsDouble(), java.util.Arrays.stream(random).max().getAsDouble());
        if (high <= low) {
            high = low + 1;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Score distributions")
                .xAxisTitle("score").yAxisTitle("share of items").build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        addSteps(chart, "held-out liked items", Histogram.of(liked, 40, low, high), PALETTE[0]);
        addSteps(chart, "random unrated items", Histogram.of(random, 40, low, high), PALETTE[1]);
        return chart;
    }

    /** {@code histogram} as shares, drawn as a translucent filled step series. */
    private static void addSteps(XYChart chart, String name, Histogram histogram, Color colour) {
        double[] edges = new double[histogram.bins() + 1];
        double[] shares = new double[histogram.bins() + 1];
        double total = Math.max(1, histogram.total());
        for (int bin = 0; bin < histogram.bins(); bin++) {
            edges[bin] = histogram.binLow(bin);
            shares[bin] = histogram.counts()[bin] / total;
        }
        edges[histogram.bins()] = histogram.high();
        shares[histogram.bins()] = shares[histogram.bins() - 1];
        XYSeries series = chart.addSeries(name, edges, shares);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 110));
        series.setLineColor(colour);
    }

    /** A scatter chart and the labels {@link ScatterLabels} placed on it. */
    public record Scatter(XYChart chart, List<ScatterLabels.Placed> labels) {
    }

    /**
     * A scatter of points coloured by group, with up to {@link #MAX_LABELS} points labelled where
     * their labels collide with no other: the PCA scatter (scores of two components) and the t-SNE
     * map both use it. The legend sits right of the plot, where it covers no point.
     *
     * @param x horizontal coordinate per point
     * @param y vertical coordinate per point
     * @param group group index per point, into {@code groupNames} (at most {@link #PALETTE} length groups)
     * @param labels text per point to draw beside it, or null entries for points never labelled
     * @param labelOrder point indices in the order their labels are wanted, most wanted first
     */
    public static Scatter groupedScatter(String title, String xAxisTitle, String yAxisTitle, double[] x, double[] y,
            int[] group, List<String> groupNames, List<String> labels, int[] labelOrder) {
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
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
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
            Color colour = PALETTE[g == groupNames.size() - 1 && "other".equals(groupNames.get(g)) ? PALETTE.length - 1 : g];
            series.setMarkerColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 160));
        }
        if (chart.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException("no points to plot");
        }
        return new Scatter(chart, ScatterLabels.place(chart, x, y, labels, labelOrder, MAX_LABELS));
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
