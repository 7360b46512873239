package org.embedrec.report;

import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * Places point labels on a rendered scatter so that no two overlap and each stays inside the plot:
 * candidates are tried in priority order, each at four spots around its point (right, left, above,
 * below), and a label that fits nowhere is left out. Fewer, readable labels beat many piled ones.
 */
final class ScatterLabels {
    /** Pixels kept free between a label and its point, and around every label. */
    static final int GAP = 4;

    /** A label drawn on the chart and the pixel box its text covers. */
    record Placed(String text, int point, Rectangle2D box) {
    }

    private ScatterLabels() {
    }

    /**
     * Adds to {@code chart} up to {@code limit} of the labels in {@code order} (point indices, best
     * first; {@code labels.get(p)} null means "never label p") and returns where they went.
     */
    static List<Placed> place(XYChart chart, double[] x, double[] y, List<String> labels, int[] order, int limit) {
        // Rendering once fixes the axes, so data coordinates map to pixels.
        BitmapEncoder.getBufferedImage(chart);
        Font font = chart.getStyler().getAnnotationTextFont();
        FontRenderContext context = new FontRenderContext(null, RenderingHints.VALUE_TEXT_ANTIALIAS_ON,
                RenderingHints.VALUE_FRACTIONALMETRICS_DEFAULT);
        double left = chart.getScreenXFromChart(min(x));
        double right = chart.getScreenXFromChart(max(x));
        double top = chart.getScreenYFromChart(max(y));
        double bottom = chart.getScreenYFromChart(min(y));
        Rectangle2D plot = new Rectangle2D.Double(left - 20, top - 20, right - left + 40, bottom - top + 40);
        List<Placed> placed = new ArrayList<>();
        for (int p : order) {
            if (placed.size() == limit) {
                break;
            }
            String text = labels.get(p);
            if (text == null) {
                continue;
            }
            Rectangle2D outline = new TextLayout(text, font, context).getOutline(null).getBounds2D();
            double px = chart.getScreenXFromChart(x[p]);
            double py = chart.getScreenYFromChart(y[p]);
            double w = outline.getWidth();
            double h = outline.getHeight();
            double[][] spots = {
                {px + GAP, py - h / 2}, {px - GAP - w, py - h / 2}, {px - w / 2, py - GAP - h}, {px - w / 2, py + GAP},
            };
            for (double[] spot : spots) {
                Rectangle2D box = new Rectangle2D.Double(spot[0], spot[1], w, h);
                if (plot.contains(box) && placed.stream().noneMatch(other -> padded(other.box()).intersects(box))) {
                    chart.addAnnotation(annotation(chart, text, box, outline));
                    placed.add(new Placed(text, p, box));
                    break;
                }
            }
        }
        return placed;
    }

    /**
     * An annotation whose text covers exactly {@code box}: XChart draws screen-space text with its
     * outline's bounds centred on (x, height − y), offset by the outline's own origin.
     */
    private static AnnotationText annotation(XYChart chart, String text, Rectangle2D box, Rectangle2D outline) {
        double x = box.getX() + outline.getWidth() / 2 - outline.getMinX();
        double y = chart.getHeight() - box.getCenterY() + (outline.getMaxY() + outline.getMinY()) / 2;
        return new AnnotationText(text, x, y, true);
    }

    private static Rectangle2D padded(Rectangle2D box) {
        return new Rectangle2D.Double(box.getX() - GAP, box.getY() - GAP, box.getWidth() + 2 * GAP,
                box.getHeight() + 2 * GAP);
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(0);
    }
}
