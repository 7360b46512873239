package org.embedrec.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.io.MovieLens;

/**
 * A train/test split written as text on the command line:
 * {@code random:0.1}, {@code user:0.2}, {@code last:1}, {@code temporal:0.2} or {@code ml100k:u1}.
 * The text (with the seed) is recorded in the model file so that {@code evaluate} and
 * {@code recommend} can rebuild exactly the training part.
 */
record SplitSpec(String kind, String argument) {
    static final String DEFAULT = "random:0.1";
    static final String HELP = "train/test split: random:FRACTION, user:FRACTION (per user), last:N (each user's N latest),"
            + " temporal:FRACTION (global time cut) or ml100k:u1..u5|ua|ub (ML-100K's predefined files)";

    static SplitSpec parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split(":", 2);
        if (parts.length != 2 || parts[1].isBlank()) {
            throw new IllegalArgumentException("bad split '" + text + "': expected KIND:VALUE; " + HELP);
        }
        SplitSpec spec = new SplitSpec(parts[0], parts[1]);
        switch (spec.kind) {
            case "random", "user", "temporal" -> spec.fraction();
            case "last" -> spec.count();
            case "ml100k" -> {
                if (!MovieLens.PREDEFINED_SPLITS.contains(spec.argument)) {
                    throw new IllegalArgumentException("bad split '" + text + "': ML-100K splits are " + MovieLens.PREDEFINED_SPLITS);
                }
            }
            default -> throw new IllegalArgumentException("unknown split kind '" + parts[0] + "' in '" + text + "'; " + HELP);
        }
        return spec;
    }

    private double fraction() {
        try {
            double value = Double.parseDouble(argument);
            if (value > 0 && value < 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad split '" + this + "': the fraction must be a number in (0, 1), got '" + argument + "'");
    }

    private int count() {
        try {
            int value = Integer.parseInt(argument);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad split '" + this + "': N must be an integer >= 1, got '" + argument + "'");
    }

    /** Splits {@code ratings}, which were loaded from {@code dir}. */
    Split apply(Ratings ratings, Path dir, long seed) {
        return switch (kind) {
            case "random" -> Splits.randomHoldout(ratings, fraction(), seed);
            case "user" -> Splits.perUserHoldout(ratings, fraction(), seed);
            case "temporal" -> Splits.temporalFraction(ratings, fraction());
            case "last" -> Splits.perUserLastN(ratings, count());
            case "ml100k" -> MovieLens.predefinedSplit(dir, argument);
            default -> throw new IllegalStateException(kind);
        };
    }

    @Override
    public String toString() {
        return kind + ":" + argument;
    }
}
