package org.embedrec.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.Recommender;
import org.embedrec.model.TrainingFacts;

/**
 * The baselines printed beside every ranking result: most popular (the same list for everyone)
 * and random. A personalized model that does not beat most-popular clearly has learned little.
 * Both know exactly the items with training data, like the trained models. They are evaluation
 * aids and are not saved to model files.
 */
public final class RankingBaselines {
    private RankingBaselines() {
    }

    /**
     * Scores every item by its number of positive training interactions (ties go to the smaller item
     * index, as in every ranking); items with training data but no positive one score 0.
     */
    public static Recommender mostPopular(Ratings train, ItemCatalog catalog, PositiveThreshold positives) {
        checkAligned(train, catalog);
        float[] popularity = new float[train.itemCount()];
        for (int row = 0; row < train.size(); row++) {
            if (positives.isPositive(train.rating(row))) {
                popularity[train.item(row)]++;
            }
        }
        return new FixedScores(facts("baseline-most-popular", Map.of("positiveThreshold", positives.toString()), train,
                catalog), (user, item) -> popularity[item]);
    }

    /**
     * Scores every (user, item) by a hash of {@code seed}, user and item, uniform in [0, 1): a
     * random ranking per user that is the same on every call.
     */
    public static Recommender random(Ratings train, ItemCatalog catalog, long seed) {
        checkAligned(train, catalog);
        return new FixedScores(facts("baseline-random", Map.of("seed", seed), train, catalog), (user, item) -> {
            long z = mix(seed ^ mix(((long) user << 32) | item));
            return (z >>> 40) * 0x1.0p-24f;
        });
    }

    /** SplitMix64's finalizer: a well-mixed 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static void checkAligned(Ratings train, ItemCatalog catalog) {
        if (!catalog.items().equals(train.items())) {
            throw new IllegalArgumentException("the catalog is not aligned with the training items");
        }
    }

    private static TrainingFacts facts(String kind, Map<String, Object> options, Ratings train, ItemCatalog catalog) {
        return new TrainingFacts(train.users(), catalog, train.itemCounts(),
                new ModelInfo(kind, options, Provenance.of(train), List.of(), Map.of()));
    }

    /** A score for every (user, item) that needs no training. */
    private interface Scores {
        float score(int user, int item);
    }

    private static final class FixedScores implements Recommender {
        private final TrainingFacts facts;
        private final Scores scores;

        FixedScores(TrainingFacts facts, Scores scores) {
            this.facts = Objects.requireNonNull(facts, "facts");
            this.scores = scores;
        }

        @Override
        public TrainingFacts trainingFacts() {
            return facts;
        }

        @Override
        public float predict(int user, int item) {
            return scores.score(user, item);
        }

        @Override
        public boolean predictsRatings() {
            return false;
        }

        @Override
        public Recommender withInfo(ModelInfo newInfo) {
            return new FixedScores(facts.withInfo(newInfo), scores);
        }
    }
}
