package org.embedrec.data;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A train/test split written as text, one syntax for the command line, the server and the Spark jobs:
 * {@code random:F}, {@code user:F}, {@code last:N}, {@code temporal:F} or {@code ml100k:NAME}.
 * {@link #parse} reads it and {@link #toString} writes it back in canonical form, so the text (with the
 * seed) can be recorded in a model file and the same split rebuilt later.
 *
 * <p>Each form delegates to {@link Splits}: {@link Random} to {@link Splits#randomHoldout}, {@link PerUser}
 * to {@link Splits#perUserHoldout}, {@link LastN} to {@link Splits#perUserLastN} and {@link Temporal} to
 * {@link Splits#temporalFraction}. {@link Predefined} names one of ML-100K's split files, which only a
 * loader can read ({@code org.embedrec.io.MovieLens.split}); {@link #apply} rejects it.
 */
public sealed interface SplitSpec {
    /** The split of the command line when none is given. */
    String DEFAULT = "random:0.1";

    /** The valid forms, for help texts and error messages. */
    String SYNTAX = "random:FRACTION, user:FRACTION (per user), last:N (each user's N latest),"
            + " temporal:FRACTION (global time cut) or ml100k:u1..u5|ua|ub (ML-100K's predefined files)";

    /** The ML-100K predefined splits: five-fold u1..u5 and the 10-ratings-per-user ua, ub. */
    List<String> PREDEFINED = List.of("u1", "u2", "u3", "u4", "u5", "ua", "ub");

    /**
     * Splits {@code ratings}; {@code seed} drives the random forms and is ignored by the others.
     *
     * @throws UnsupportedOperationException for {@link Predefined}, whose parts are read from files
     * @throws IllegalArgumentException as the {@link Splits} method does (e.g. no timestamps for a temporal split)
     */
    Split apply(Ratings ratings, long seed);

    /**
     * Reads a split from text such as {@code "random:0.1"} or {@code "ml100k:u1"}; case and surrounding
     * white space do not matter. {@code per-user:F} is accepted as a deprecated alias of {@code user:F}.
     *
     * @throws IllegalArgumentException naming the text and listing the valid forms when it is none of them
     */
    static SplitSpec parse(String text) {
        Objects.requireNonNull(text, "split");
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split(":", 2);
        if (parts.length != 2 || parts[1].isBlank()) {
            throw new IllegalArgumentException("bad split '" + text + "': expected KIND:VALUE; " + SYNTAX);
        }
        String argument = parts[1].strip();
        return switch (parts[0].strip()) {
            case "random" -> new Random(fraction(text, argument));
            case "user", "per-user" -> new PerUser(fraction(text, argument));
            case "temporal" -> new Temporal(fraction(text, argument));
            case "last" -> new LastN(count(text, argument));
            case "ml100k" -> {
                if (!PREDEFINED.contains(argument)) {
                    throw new IllegalArgumentException("bad split '" + text + "': ML-100K splits are " + PREDEFINED);
                }
                yield new Predefined(argument);
            }
            default -> throw new IllegalArgumentException("unknown split kind '" + parts[0] + "' in '" + text + "'; " + SYNTAX);
        };
    }

    /** A random hold-out of {@code testFraction} of all ratings ({@code random:F}). */
    record Random(double testFraction) implements SplitSpec {
        /** Checks that the fraction is in (0, 1). */
        public Random {
            checkFraction(testFraction);
        }

        @Override
        public Split apply(Ratings ratings, long seed) {
            return Splits.randomHoldout(ratings, testFraction, seed);
        }

        @Override
        public String toString() {
            return "random:" + plain(testFraction);
        }
    }

    /** A random hold-out of {@code testFraction} of each user's ratings ({@code user:F}). */
    record PerUser(double testFraction) implements SplitSpec {
        /** Checks that the fraction is in (0, 1). */
        public PerUser {
            checkFraction(testFraction);
        }

        @Override
        public Split apply(Ratings ratings, long seed) {
            return Splits.perUserHoldout(ratings, testFraction, seed);
        }

        @Override
        public String toString() {
            return "user:" + plain(testFraction);
        }
    }

    /** Each user's {@code n} latest ratings in test ({@code last:N}). */
    record LastN(int n) implements SplitSpec {
        /** Checks that {@code n >= 1}. */
        public LastN {
            if (n < 1) {
                throw new IllegalArgumentException("N must be an integer >= 1, got " + n);
            }
        }

        @Override
        public Split apply(Ratings ratings, long seed) {
            return Splits.perUserLastN(ratings, n);
        }

        @Override
        public String toString() {
            return "last:" + n;
        }
    }

    /** A global time cut with about {@code testFraction} of the ratings, the latest, in test ({@code temporal:F}). */
    record Temporal(double testFraction) implements SplitSpec {
        /** Checks that the fraction is in (0, 1). */
        public Temporal {
            checkFraction(testFraction);
        }

        @Override
        public Split apply(Ratings ratings, long seed) {
            return Splits.temporalFraction(ratings, testFraction);
        }

        @Override
        public String toString() {
            return "temporal:" + plain(testFraction);
        }
    }

    /** One of ML-100K's predefined split files, e.g. {@code ml100k:u1} for {@code u1.base}/{@code u1.test}. */
    record Predefined(String name) implements SplitSpec {
        /** Checks that {@code name} is one of {@link #PREDEFINED}. */
        public Predefined {
            if (!PREDEFINED.contains(name)) {
                throw new IllegalArgumentException("ML-100K splits are " + PREDEFINED + ", got '" + name + "'");
            }
        }

        /** Always throws: the parts are in files that a loader reads ({@code MovieLens.split}). */
        @Override
        public Split apply(Ratings ratings, long seed) {
            throw new UnsupportedOperationException("split " + this + " is read from ML-100K's " + name
                    + ".base and " + name + ".test files, not computed from ratings");
        }

        @Override
        public String toString() {
            return "ml100k:" + name;
        }
    }

    private static double fraction(String text, String argument) {
        try {
            double value = Double.parseDouble(argument);
            if (value > 0 && value < 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad split '" + text + "': the fraction must be a number in (0, 1), got '" + argument + "'");
    }

    private static int count(String text, String argument) {
        try {
            int value = Integer.parseInt(argument);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad split '" + text + "': N must be an integer >= 1, got '" + argument + "'");
    }

    private static void checkFraction(double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be in (0, 1), got " + testFraction);
        }
    }

    /** The shortest decimal that reads back as {@code value}, without exponent: 0.1, not 1.0E-1. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
