package org.embedrec.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.Recommender;

/**
 * "Evaluate this model on that split beside the baselines", the one flow that {@code train},
 * {@code evaluate}, {@code compare}, {@code bench} and the HTML report format in their own ways.
 *
 * <p>An evaluation holds the split (training part, test part, catalog) and what to measure:
 * <ul>
 *   <li>{@link #withRatingErrors()}: RMSE, MAE and MSE ({@link Metrics#ratingErrors}) of a model
 *       that {@linkplain Recommender#predictsRatings() predicts ratings}, beside the
 *       {@linkplain Baseline#GLOBAL_MEAN global mean} and {@linkplain Baseline#DAMPED_BIASES damped biases};
 *   <li>{@link #withRanking(PositiveThreshold, int)}: top-K ranking metrics ({@link RankingMetrics})
 *       of any model, with the training items excluded, beside {@linkplain Baseline#MOST_POPULAR
 *       most popular} and {@linkplain Baseline#RANDOM random};
 *   <li>{@link #withRankedRatingBaselines()}: rank the global mean and damped biases too, so that one
 *       table can hold every figure of every row.
 * </ul>
 *
 * <p>Every report keeps, beside each mean, its per-user values ({@link EvaluationReport.Figures#perUser()},
 * for {@link Bootstrap} intervals and {@link PairedTest}s), and a ranked model's lists are measured beyond
 * accuracy ({@link BeyondAccuracy}: novelty, genre diversity, popularity, Gini).
 *
 * <p>The baselines are fitted on the training part and measured once per evaluation, on first use,
 * so evaluating many models against one evaluation measures them once. Configuring methods return a
 * new evaluation; {@link #evaluate} is safe to call from several threads.
 *
 * <pre>{@code
 * Evaluation evaluation = Evaluation.of(split.train(), split.test(), catalog).withRatingErrors();
 * EvaluationReport report = evaluation.evaluate(model);
 * double gain = report.baseline(Baseline.DAMPED_BIASES).errors().orElseThrow().rmse()
 *         - report.model().errors().orElseThrow().rmse();
 * }</pre>
 */
public final class Evaluation {
    private final Ratings train;
    private final Ratings test;
    private final ItemCatalog catalog;
    private final boolean ratingErrors;
    private final PositiveThreshold positives;
    private final int k;
    private final boolean rankRatingBaselines;
    private final Map<Baseline, Recommender> fitted = new EnumMap<>(Baseline.class);
    private final Map<Baseline, EvaluationReport.Figures> measured = new EnumMap<>(Baseline.class);

    private Evaluation(Ratings train, Ratings test, ItemCatalog catalog, boolean ratingErrors, PositiveThreshold positives,
            int k, boolean rankRatingBaselines) {
        this.train = train;
        this.test = test;
        this.catalog = catalog;
        this.ratingErrors = ratingErrors;
        this.positives = positives;
        this.k = k;
        this.rankRatingBaselines = rankRatingBaselines;
    }

    /**
     * An evaluation on {@code test} of models trained on {@code train} that measures nothing yet.
     *
     * @param train all the ratings the models were trained on: the baselines' training data and, for
     *     ranking, what each user "has seen"
     * @param test held-out ratings with the same id indices
     * @param catalog the items, aligned with the ratings' items
     * @throws IllegalArgumentException if the id indices of the parts differ or {@code test} is empty
     */
    public static Evaluation of(Ratings train, Ratings test, ItemCatalog catalog) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(catalog, "catalog");
        if (!train.users().equals(test.users()) || !train.items().equals(test.items())) {
            throw new IllegalArgumentException("training and test ratings use other id indices (" + train.userCount()
                    + " users / " + train.itemCount() + " items vs " + test.userCount() + " / " + test.itemCount()
                    + "); evaluate on two parts of one split");
        }
        if (!catalog.items().equals(train.items())) {
            throw new IllegalArgumentException("the catalog (" + catalog.items().size()
                    + " items) is not aligned with the training items (" + train.itemCount() + ")");
        }
        if (test.size() == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty test part");
        }
        return new Evaluation(train, test, catalog, false, null, 0, false);
    }

    /** Also measures rating errors of rating models, beside the global mean and damped biases. */
    public Evaluation withRatingErrors() {
        return new Evaluation(train, test, catalog, true, positives, k, rankRatingBaselines);
    }

    /**
     * Also ranks every model's unseen items, beside most popular and random.
     *
     * @param positives which test ratings are relevant (and which training ratings count for most popular)
     * @param k the list length, {@code >= 1}
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public Evaluation withRanking(PositiveThreshold positives, int k) {
        Objects.requireNonNull(positives, "positives");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return new Evaluation(train, test, catalog, ratingErrors, positives, k, rankRatingBaselines);
    }

    /**
     * Also ranks the global mean and damped biases (which are measured whenever rating errors or
     * this is asked for); needs {@link #withRanking}.
     *
     * @throws IllegalStateException if no ranking was asked for
     */
    public Evaluation withRankedRatingBaselines() {
        if (positives == null) {
            throw new IllegalStateException("ask for the ranking (withRanking) before ranking the rating baselines");
        }
        return new Evaluation(train, test, catalog, ratingErrors, positives, k, true);
    }

    /** The training part. */
    public Ratings train() {
        return train;
    }

    /** The test part. */
    public Ratings test() {
        return test;
    }

    /** The baselines this evaluation measures, in {@link Baseline} order. */
    public Set<Baseline> baselines() {
        Set<Baseline> baselines = EnumSet.noneOf(Baseline.class);
        if (ratingErrors || rankRatingBaselines) {
            baselines.add(Baseline.GLOBAL_MEAN);
            baselines.add(Baseline.DAMPED_BIASES);
        }
        if (positives != null) {
            baselines.add(Baseline.MOST_POPULAR);
            baselines.add(Baseline.RANDOM);
        }
        return baselines;
    }

    /**
     * {@code baseline} fitted on the training part (once per evaluation); most popular counts the
     * positives of {@link #withRanking}, else {@link PositiveThreshold#DEFAULT}.
     */
    public synchronized Recommender baseline(Baseline baseline) {
        return fitted.computeIfAbsent(baseline,
                b -> b.fit(train, catalog, positives == null ? PositiveThreshold.DEFAULT : positives));
    }

    /**
     * The figures of {@code model} and of the baselines asked for.
     *
     * @throws IllegalArgumentException if the model's id indices differ from the split's, or no test
     *     user has a relevant item to rank
     * @throws IllegalStateException if nothing was asked to be measured
     */
    public EvaluationReport evaluate(Recommender model) {
        Objects.requireNonNull(model, "model");
        if (!ratingErrors && positives == null) {
            throw new IllegalStateException("nothing to measure: ask for withRatingErrors() or withRanking(positives, k)");
        }
        Map<Baseline, EvaluationReport.Figures> baselines = new EnumMap<>(Baseline.class);
        for (Baseline baseline : baselines()) {
            baselines.put(baseline, figures(baseline));
        }
        Map<String, PerUser> perUser = new LinkedHashMap<>();
        Optional<RatingErrors> errors = ratingErrors(model, model.predictsRatings(), perUser);
        Optional<RankingResult> ranking = Optional.empty();
        Optional<BeyondAccuracy> beyond = Optional.empty();
        double seconds = Double.NaN;
        double cpuSeconds = Double.NaN;
        if (positives != null) {
            long start = System.nanoTime();
            long cpuStart = threadCpuNanos();
            RankingDetails details = RankingMetrics.evaluateUsers(model, train, test, positives, k, 1);
            seconds = (System.nanoTime() - start) / 1e9;
            cpuSeconds = (threadCpuNanos() - cpuStart) / 1e9;
            ranking = Optional.of(details.result());
            beyond = Optional.of(beyondAccuracy(model, details, perUser));
        }
        return new EvaluationReport(test.size(), new EvaluationReport.Figures(errors, ranking, beyond, perUser), baselines,
                seconds, cpuSeconds);
    }

    /** Rating errors when asked for and {@code predicts}, their per-user values put into {@code perUser}. */
    private Optional<RatingErrors> ratingErrors(Recommender model, boolean predicts, Map<String, PerUser> perUser) {
        if (!ratingErrors || !predicts) {
            return Optional.empty();
        }
        perUser.putAll(Metrics.ratingErrorsPerUser(model, test));
        return Optional.of(Metrics.ratingErrors(model, test));
    }

    /** The lists' beyond-accuracy figures; puts the ranking's and their per-user values into {@code perUser}. */
    private BeyondAccuracy beyondAccuracy(Recommender model, RankingDetails details, Map<String, PerUser> perUser) {
        boolean[] known = new boolean[model.items().size()];
        for (int item = 0; item < known.length; item++) {
            known[item] = model.isKnownItem(item);
        }
        BeyondAccuracy beyond = BeyondAccuracy.measure(details.lists(), train, catalog, known, k);
        perUser.putAll(details.perUser());
        perUser.putAll(beyond.perUser());
        return beyond;
    }

    /**
     * The figures of {@code baseline}, measured once per evaluation: rating errors when asked for and
     * it predicts ratings, ranking when asked for and it only ranks (or the rating baselines are ranked).
     *
     * @throws IllegalArgumentException if this evaluation does not measure {@code baseline}
     */
    public synchronized EvaluationReport.Figures figures(Baseline baseline) {
        if (!baselines().contains(baseline)) {
            throw new IllegalArgumentException("this evaluation does not measure the " + baseline.label()
                    + " baseline; it measures " + baselines());
        }
        EvaluationReport.Figures figures = measured.get(baseline);
        if (figures == null) {
            Recommender model = baseline(baseline);
            Map<String, PerUser> perUser = new LinkedHashMap<>();
            Optional<RatingErrors> errors = ratingErrors(model, baseline.predictsRatings(), perUser);
            boolean ranked = positives != null && (!baseline.predictsRatings() || rankRatingBaselines);
            Optional<RankingResult> ranking = Optional.empty();
            Optional<BeyondAccuracy> beyond = Optional.empty();
            if (ranked) {
                RankingDetails details = RankingMetrics.evaluateUsers(model, train, test, positives, k, 1);
                ranking = Optional.of(details.result());
                beyond = Optional.of(beyondAccuracy(model, details, perUser));
            }
            figures = new EvaluationReport.Figures(errors, ranking, beyond, perUser);
            measured.put(baseline, figures);
        }
        return figures;
    }

    /** CPU time of the calling thread in nanoseconds, 0 where the JVM does not measure it. */
    private static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }
}
