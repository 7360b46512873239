package org.embedrec.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The learning rate per epoch. Three shapes, each written as a short text so that it fits a command
 * line flag or a config file:
 *
 * <ul>
 *   <li>{@code 0.01}: constant;
 *   <li>{@code 3@0.01,2@0.001}: steps of (epochs @ rate), as in the fast.ai tutorial's
 *       {@code fit(3, 1e-2); fit(2, 1e-3)}; the last rate holds for any further epoch;
 *   <li>{@code 0.01*0.9}: exponential decay, {@code rate(e) = 0.01 * 0.9^(e-1)}.
 * </ul>
 */
public final class LearningRateSchedule {
    private final String spec;
    private final int[] stepEpochs;
    private final double[] stepRates;
    private final double decay;

    private LearningRateSchedule(String spec, int[] stepEpochs, double[] stepRates, double decay) {
        this.spec = spec;
        this.stepEpochs = stepEpochs;
        this.stepRates = stepRates;
        this.decay = decay;
    }

    /** A constant rate. */
    public static LearningRateSchedule constant(double rate) {
        return new LearningRateSchedule(Double.toString(checkRate(rate)).toLowerCase(Locale.ROOT), new int[] {1}, new double[] {rate}, 1.0);
    }

    /**
     * Parses a schedule text (see the class comment).
     *
     * @throws IllegalArgumentException naming the text when it is malformed or a rate is not positive
     */
    public static LearningRateSchedule parse(String text) {
        String spec = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (spec.contains("@")) {
                List<Integer> epochs = new ArrayList<>();
                List<Double> rates = new ArrayList<>();
                for (String part : spec.split(",")) {
                    String[] pieces = part.split("@");
                    if (pieces.length != 2) {
                        throw new IllegalArgumentException("expected EPOCHS@RATE, got '" + part + "'");
                    }
                    int count = Integer.parseInt(pieces[0].strip());
                    if (count < 1) {
                        throw new IllegalArgumentException("epochs must be >= 1, got " + count);
                    }
                    epochs.add(count);
                    rates.add(checkRate(Double.parseDouble(pieces[1].strip())));
                }
                return new LearningRateSchedule(spec, epochs.stream().mapToInt(Integer::intValue).toArray(),
                        rates.stream().mapToDouble(Double::doubleValue).toArray(), 1.0);
            }
            if (spec.contains("*")) {
                String[] pieces = spec.split("\\*");
                double decay = pieces.length == 2 ? Double.parseDouble(pieces[1].strip()) : Double.NaN;
                if (!(decay > 0 && decay <= 1)) {
                    throw new IllegalArgumentException("expected RATE*DECAY with 0 < DECAY <= 1");
                }
                return new LearningRateSchedule(spec, new int[] {1},
                        new double[] {checkRate(Double.parseDouble(pieces[0].strip()))}, decay);
            }
            return new LearningRateSchedule(spec, new int[] {1}, new double[] {checkRate(Double.parseDouble(spec))}, 1.0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad learning-rate schedule '" + text
                    + "' (use 0.01, 3@0.01,2@0.001 or 0.01*0.9): " + e.getMessage(), e);
        }
    }

    private static double checkRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + rate);
        }
        return rate;
    }

    /** The learning rate of 1-based epoch {@code epoch}. */
    public double rate(int epoch) {
        if (decay != 1.0) {
            return stepRates[0] * Math.pow(decay, epoch - 1);
        }
        int end = 0;
        for (int k = 0; k < stepEpochs.length; k++) {
            end += stepEpochs[k];
            if (epoch <= end) {
                return stepRates[k];
            }
        }
        return stepRates[stepRates.length - 1];
    }

    /**
     * The total epochs of a step schedule (0 for constant and decay schedules): the natural epoch
     * count for it, which the command line uses when {@code --epochs} is not given.
     */
    public int stepEpochs() {
        return spec.contains("@") ? java.util.Arrays.stream(stepEpochs).sum() : 0;
    }

    /** The schedule's text form, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return spec;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningRateSchedule other && spec.equals(other.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }
}
