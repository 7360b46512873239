package org.embedrec.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Recommender;

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
        return new FixedScores(train.users(), catalog, train.itemCounts(), (user, item) -> popularity[item],
                info("baseline-most-popular", Map.of("positiveThreshold", positives.toString()), train));
    }

    /**
     * Scores every (user, item) by a hash of {@code seed}, user and item, uniform in [0, 1): a
     * random ranking per user that is the same on every call.
     */
    public static Recommender random(Ratings train, ItemCatalog catalog, long seed) {
        checkAligned(train, catalog);
        return new FixedScores(train.users(), catalog, train.itemCounts(), (user, item) -> {
            long z = mix(seed ^ mix(((long) user << 32) | item));
            return (z >>> 40) * 0x1.0p-24f;
        }, info("baseline-random", Map.of("seed", seed), train));
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

    private static ModelInfo info(String kind, Map<String, Object> options, Ratings train) {
        return new ModelInfo(kind, options, train.fingerprint(), List.of(), Map.of());
    }

    /** A score for every (user, item) that needs no training. */
    private interface Scores {
        float score(int user, int item);
    }

    private static final class FixedScores implements Recommender {
        private final IdIndex users;
        private final ItemCatalog catalog;
        private final int[] itemTrainCounts;
        private final Scores scores;
        private final ModelInfo info;

        FixedScores(IdIndex users, ItemCatalog catalog, int[] itemTrainCounts, Scores scores, ModelInfo info) {
            this.users = Objects.requireNonNull(users, "users");
            this.catalog = catalog;
            this.itemTrainCounts = itemTrainCounts;
            this.scores = scores;
            this.info = info;
        }

        @Override
        public IdIndex users() {
            return users;
        }

        @Override
        public IdIndex items() {
            return catalog.items();
        }

        @Override
        public ItemCatalog catalog() {
            return catalog;
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
        public int itemTrainCount(int item) {
            return itemTrainCounts[item];
        }

        @Override
        public ModelInfo info() {
            return info;
        }

        @Override
        public Recommender withInfo(ModelInfo newInfo) {
            return new FixedScores(users, catalog, itemTrainCounts, scores, newInfo);
        }
    }
}
