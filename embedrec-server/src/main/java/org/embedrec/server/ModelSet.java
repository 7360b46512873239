package org.embedrec.server;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One consistent set of served models, by name, with the default one and why it is the default,
 * and when it was loaded. Immutable: a reload builds a new set and {@link ModelRegistry} swaps it
 * in whole, so a request that picked its model from one set finishes on it.
 *
 * <p>The default model, which answers requests that name none, is the one with the best held-out
 * ranking metric recorded in its file ({@link RecommendationService#RANKING_METRIC}, e.g.
 * {@code test.ndcg@10}, compared only between models that record it at the same cut-off); without
 * one, the first model.
 */
final class ModelSet {
    private final Map<String, ServedModel> byName;
    private final ServedModel defaultModel;
    private final String defaultReason;
    private final int generation;
    private final Instant loadedAt;

    private ModelSet(Map<String, ServedModel> byName, ServedModel defaultModel, String defaultReason, int generation,
            Instant loadedAt) {
        this.byName = byName;
        this.defaultModel = defaultModel;
        this.defaultReason = defaultReason;
        this.generation = generation;
        this.loadedAt = loadedAt;
    }

    /**
     * The set of {@code models}, the {@code generation}-th loaded (1 at start-up, one more per reload).
     *
     * @throws IllegalArgumentException if there is no model or two share a name
     */
    static ModelSet of(List<ServedModel> models, int generation, Instant loadedAt) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        Map<String, ServedModel> byName = new LinkedHashMap<>();
        for (ServedModel served : models) {
            if (byName.putIfAbsent(served.name(), served) != null) {
                throw new IllegalArgumentException("two models are named '" + served.name() + "'");
            }
        }
        String metric = models.stream().map(ModelSet::rankingMetric).filter(Objects::nonNull).findFirst()
                .orElse(null);
        ServedModel best = models.get(0);
        if (metric != null) {
            // The first model recording the metric, replaced only by a strictly better one.
            best = models.stream().filter(served -> metric.equals(rankingMetric(served)))
                    .reduce((a, b) -> b.info().metrics().get(metric) > a.info().metrics().get(metric) ? b : a).orElseThrow();
        }
        return new ModelSet(Collections.unmodifiableMap(byName), best, defaultReason(models, best, metric), generation,
                Objects.requireNonNull(loadedAt, "loadedAt"));
    }

    /** The name of the held-out ranking metric {@code served} records (the smallest cut-off), or null. */
    static String rankingMetric(ServedModel served) {
        return served.info().metrics().keySet().stream()
                .filter(name -> RecommendationService.RANKING_METRIC.matcher(name).matches())
                .filter(name -> Double.isFinite(served.info().metrics().get(name)))
                .min(Comparator.comparingInt(name -> Integer.parseInt(name.substring(name.indexOf('@') + 1))))
                .orElse(null);
    }

    /**
     * Why {@code chosen} is the default, with the figure that chose it, e.g. "the best held-out
     * NDCG@10 of the 2 models that record it: 0.145".
     */
    private static String defaultReason(List<ServedModel> models, ServedModel chosen, String metric) {
        if (metric == null) {
            return models.size() == 1 ? "the only model served"
                    : "the first model given: no served model records a held-out ranking metric";
        }
        String shown = metric.substring("test.".length()).replace("ndcg", "NDCG");
        double value = chosen.info().metrics().get(metric);
        long compared = models.stream().filter(served -> metric.equals(rankingMetric(served))).count();
        if (models.size() == 1) {
            return String.format(Locale.ROOT, "the only model served (held-out %s %.3f)", shown, value);
        }
        return compared > 1
                ? String.format(Locale.ROOT, "the best held-out %s of the %d models that record it: %.3f", shown,
                        compared, value)
                : String.format(Locale.ROOT, "the only model that records a held-out %s: %.3f", shown, value);
    }

    /** The model named {@code name}, or null. */
    ServedModel get(String name) {
        return byName.get(name);
    }

    /** Every model, in the order given. */
    Collection<ServedModel> all() {
        return byName.values();
    }

    /** The names of the models. */
    Set<String> names() {
        return byName.keySet();
    }

    /** Whether {@code served} is one of this set's models (the same object, not only the same name). */
    boolean contains(ServedModel served) {
        return byName.get(served.name()) == served;
    }

    ServedModel defaultModel() {
        return defaultModel;
    }

    String defaultReason() {
        return defaultReason;
    }

    /** 1 for the models loaded at start-up, one more per successful reload. */
    int generation() {
        return generation;
    }

    /** When this set was loaded. */
    Instant loadedAt() {
        return loadedAt;
    }
}
