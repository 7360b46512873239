package org.embedrec.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.family.ials.IalsModel;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;

/**
 * Trains Spark MLlib's alternating least squares (ALS) on {@link IndexedRatings} and exports the result
 * as an embedrec {@link MatrixFactorizationModel} (explicit ratings) or {@link IalsModel} (implicit
 * feedback, core's {@code ials} kind), which {@code ModelFiles.save} writes and every
 * embedrec tool (recommend, similar, the server, the analyses) reads unchanged.
 *
 * <p><b>The model.</b> ALS fits {@code r(u, i) ≈ p_u · q_i} by alternately solving regularised least
 * squares for all user vectors with the item vectors fixed and vice versa (Zhou et al., "Large-scale
 * Parallel Collaborative Filtering for the Netflix Prize", 2008; Spark scales the penalty by each
 * row's rating count). Implicit mode fits preferences {@code p = [r > 0]} with confidences
 * {@code 1 + alpha·|r|} (Hu, Koren and Volinsky, "Collaborative Filtering for Implicit Feedback
 * Datasets", ICDM 2008). There are no biases and the output is linear, so the exported model has no
 * biases, global mean 0 and no output range; users and items without training ratings get zero
 * vectors, and items without training ratings are unknown to the model (never recommended).
 *
 * <p><b>Tuning.</b> Explicit MovieLens ratings: rank 10 to 50, regParam 0.05 to 0.2, 10 to 20
 * iterations (rank 50, regParam 0.1, 10 iterations reach an RMSE near 0.91 on ml-latest-small). Implicit
 * data: larger regParam and alpha between 1 and 40.
 */
public final class SparkAlsTrainer {
    private final Options options;

    /**
     * ALS hyperparameters.
     *
     * @param rank length of the user and item vectors
     * @param regParam L2 penalty (Spark scales it by each row's rating count)
     * @param maxIter number of alternations (each solves users, then items)
     * @param implicitPrefs whether ratings are implicit feedback strengths rather than explicit ratings
     * @param alpha confidence scale for implicit feedback (ignored for explicit ratings)
     * @param seed seed of the random initial vectors
     */
    public record Options(int rank, double regParam, int maxIter, boolean implicitPrefs, double alpha, long seed) {
        /** Validates every value; messages name the offending one. */
        public Options {
            if (rank < 1) {
                throw new IllegalArgumentException("rank must be >= 1, got " + rank);
            }
            if (!(regParam >= 0) || Double.isInfinite(regParam)) {
                throw new IllegalArgumentException("regParam must be finite and >= 0, got " + regParam);
            }
            if (maxIter < 1) {
                throw new IllegalArgumentException("maxIter must be >= 1, got " + maxIter);
            }
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
            }
        }

        /** Explicit ALS at Spark's defaults: rank 10, regParam 0.1, 10 iterations, alpha 1, seed 42. */
        public static Options defaults() {
            return new Options(10, 0.1, 10, false, 1.0, 42);
        }

        /** These options with another rank. */
        public Options withRank(int newRank) {
            return new Options(newRank, regParam, maxIter, implicitPrefs, alpha, seed);
        }

        /** These options with another regularisation. */
        public Options withRegParam(double newRegParam) {
            return new Options(rank, newRegParam, maxIter, implicitPrefs, alpha, seed);
        }

        /** These options with another iteration count. */
        public Options withMaxIter(int newMaxIter) {
            return new Options(rank, regParam, newMaxIter, implicitPrefs, alpha, seed);
        }

        /** These options for implicit feedback with confidence scale {@code newAlpha}. */
        public Options implicit(double newAlpha) {
            return new Options(rank, regParam, maxIter, true, newAlpha, seed);
        }

        /** These options with another seed. */
        public Options withSeed(long newSeed) {
            return new Options(rank, regParam, maxIter, implicitPrefs, alpha, newSeed);
        }

        /** These options for explicit ratings or, with {@code implicit}, implicit feedback strengths. */
        public Options withImplicitPrefs(boolean implicit) {
            return new Options(rank, regParam, maxIter, implicit, alpha, seed);
        }

        /** These options with another implicit confidence scale. */
        public Options withAlpha(double newAlpha) {
            return new Options(rank, regParam, maxIter, implicitPrefs, newAlpha, seed);
        }

        /**
         * The keys of these options, named as the core trainers' (so {@code --dimensions}, {@code --l2},
         * {@code --epochs}, {@code --seed} and {@code --set} mean the same in {@code train} and
         * {@code train-als}).
         */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>("spark-als")
                .add("dimensions", "factor dimensions (Spark's rank)", OptionType.INTEGER, Options::rank,
                        Options::withRank)
                .add("l2", "L2 penalty (Spark's regParam, scaled by each row's rating count)", OptionType.NUMBER,
                        Options::regParam, Options::withRegParam)
                .add("epochs", "alternations, each solving users then items (Spark's maxIter)", OptionType.INTEGER,
                        Options::maxIter, Options::withMaxIter)
                .add("implicit", "ratings are implicit feedback strengths (Spark's implicitPrefs)", OptionType.FLAG,
                        Options::implicitPrefs, Options::withImplicitPrefs)
                .add("alpha", "implicit confidence scale", OptionType.NUMBER, Options::alpha, Options::withAlpha)
                .add("seed", "seed of the random initial vectors", OptionType.LONG, Options::seed, Options::withSeed);

        /** The options as recorded in the model file: the table's keys, marked as Spark's and without biases. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("trainer", "spark-als");
            map.putAll(TABLE.toMap(this));
            map.put("biases", false);
            return map;
        }
    }

    /** A trainer with these options. */
    public SparkAlsTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options this trainer uses. */
    public Options options() {
        return options;
    }

    /** Fits explicit ALS on {@code train} and exports it (see {@link #export}). */
    public MatrixFactorizationModel fit(IndexedRatings train) {
        return export(fitSpark(train), train);
    }

    /** Fits implicit ALS on {@code train} and exports it (see {@link #exportImplicit}). */
    public IalsModel fitImplicit(IndexedRatings train) {
        return exportImplicit(fitSpark(train), train);
    }

    /** Fits Spark's own ALS model on the index columns of {@code train} (cold-start predictions dropped). */
    public ALSModel fitSpark(IndexedRatings train) {
        return new ALS()
                .setRank(options.rank())
                .setRegParam(options.regParam())
                .setMaxIter(options.maxIter())
                .setImplicitPrefs(options.implicitPrefs())
                .setAlpha(options.alpha())
                .setSeed(options.seed())
                .setUserCol(IndexedRatings.USER_INDEX)
                .setItemCol(IndexedRatings.ITEM_INDEX)
                .setRatingCol(SparkRatings.RATING)
                .setColdStartStrategy("drop")
                .fit(train.rows());
    }

    /**
     * The embedrec model of a Spark ALS model fitted on {@code train}: its factors copied in index
     * order, the ALS options recorded, and a data fingerprint {@code "spark:<count>:<hash>"} whose hash is
     * the sum of 64-bit hashes of the (user, item, rating) rows (order-free, so any partitioning gives
     * the same value; it differs from core's ordered SHA-256 fingerprint).
     */
    public MatrixFactorizationModel export(ALSModel als, IndexedRatings train) {
        if (options.implicitPrefs()) {
            throw new IllegalStateException("implicit ALS exports as an iALS model: call exportImplicit");
        }
        int rank = als.rank();
        // The options record no l2/biasL2 (ALS's regParam is scaled otherwise): fold in with the defaults, as before.
        return new MatrixFactorizationModel(facts(train, MatrixFactorizationModel.KIND, rank), rank,
                factors(als.userFactors().collectAsList(), train.users().size(), rank),
                factors(als.itemFactors().collectAsList(), train.items().size(), rank), null, null, 0f, null,
                MatrixFactorizationModel.FoldInL2.DEFAULT);
    }

    /**
     * The embedrec model of an implicit ALS model fitted on {@code train}: core's iALS kind
     * ({@link IalsModel#KIND}), so {@code recommend}, {@code similar}, {@code serve} and {@code evaluate}
     * load it as they load core's own iALS. Scores are Spark's {@code p_u · q_i} exactly (the factors are
     * copied), so known users get the lists Spark gives them.
     *
     * <p>Fold-in (a new user) solves core's objective with the nearest weights, which is not Spark's own:
     * every positive (Spark's preference {@code r > 0}) weighs {@code 1 + alpha · r} toward 1
     * ({@code confidence = alpha}), every pair weighs 1 toward 0 (α₀ = 1) and the L2 weight is
     * {@code regParam} unscaled (ν = 0). Spark counts a positive's weight once (core adds α₀ to it) and
     * scales the L2 weight by the row's number of positives, so a folded-in user differs slightly from
     * one Spark would solve; known users' vectors are Spark's.
     *
     * @throws IllegalStateException if these options are not implicit
     */
    public IalsModel exportImplicit(ALSModel als, IndexedRatings train) {
        if (!options.implicitPrefs()) {
            throw new IllegalStateException("explicit ALS exports as a matrix factorization model: call export");
        }
        int rank = als.rank();
        IalsModel.Objective objective = new IalsModel.Objective(1, options.regParam(), 0, options.alpha(),
                PositiveThreshold.ALL);
        return new IalsModel(facts(train, IalsModel.KIND, rank), rank,
                factors(als.userFactors().collectAsList(), train.users().size(), rank),
                factors(als.itemFactors().collectAsList(), train.items().size(), rank), objective);
    }

    /** Ids, catalog, per-item training counts and the recorded options and fingerprint of an export. */
    private TrainingFacts facts(IndexedRatings train, String kind, int rank) {
        int[] itemTrainCounts = new int[train.items().size()];
        for (Row row : train.rows().groupBy(IndexedRatings.ITEM_INDEX).agg(count(lit(1))).collectAsList()) {
            itemTrainCounts[row.getInt(0)] = Math.toIntExact(row.getLong(1));
        }
        Row digest = train.rows().agg(count(lit(1)),
                sum(xxhash64(col(SparkRatings.USER), col(SparkRatings.ITEM), col(SparkRatings.RATING)).cast("decimal(38,0)")))
                .first();
        String fingerprint = "spark:" + digest.getLong(0) + ":" + digest.get(1);
        ModelInfo info = new ModelInfo(kind, options.withRank(rank).toMap(), Provenance.of(fingerprint), List.of(), Map.of());
        return new TrainingFacts(train.users(), train.catalog(), itemTrainCounts, info);
    }

    /** The (id, features) rows of an ALS factor table as one row-major array; absent ids stay zero. */
    private static float[] factors(List<Row> rows, int count, int rank) {
        float[] table = new float[Math.multiplyExact(count, rank)];
        for (Row row : rows) {
            int index = row.getInt(0);
            List<Float> features = row.getList(1);
            for (int k = 0; k < rank; k++) {
                table[index * rank + k] = features.get(k);
            }
        }
        return table;
    }
}
