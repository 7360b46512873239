package org.embedrec.analysis;

/**
 * Counts of values in equal-width bins over {@code [low, high]}; values outside the range are not
 * counted, the last bin includes {@code high}, NaN is skipped.
 *
 * @param low lower edge of the first bin
 * @param high upper edge of the last bin
 * @param counts values per bin
 */
public record Histogram(double low, double high, long[] counts) {
    public Histogram {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("histogram range must be finite with low < high, got [" + low + ", " + high + "]");
        }
        if (counts.length < 1) {
            throw new IllegalArgumentException("a histogram needs at least 1 bin");
        }
        counts = counts.clone();
    }

    /** Bins {@code values} into {@code bins} equal bins over {@code [low, high]}. */
    public static Histogram of(double[] values, int bins, double low, double high) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        long[] counts = new long[bins];
        double width = (high - low) / bins;
        for (double value : values) {
            if (value >= low && value <= high) {
                counts[Math.min(bins - 1, (int) ((value - low) / width))]++;
            }
        }
        return new Histogram(low, high, counts);
    }

    /** Number of bins. */
    public int bins() {
        return counts.length;
    }

    /** Lower edge of bin {@code bin}. */
    public double binLow(int bin) {
        return low + (high - low) * bin / counts.length;
    }

    /** Centre of bin {@code bin}. */
    public double binCentre(int bin) {
        return low + (high - low) * (bin + 0.5) / counts.length;
    }

    /** Total counted values. */
    public long total() {
        long sum = 0;
        for (long count : counts) {
            sum += count;
        }
        return sum;
    }

    /** A copy of the counts. */
    @Override
    public long[] counts() {
        return counts.clone();
    }
}
