package org.embedrec.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.embedrec.data.Dataset;
import org.embedrec.data.IdIndex;
import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.Retraining;
import org.embedrec.server.RecommendationService;
import org.embedrec.server.live.Interaction;
import org.embedrec.server.live.InteractionStore;

/**
 * Stored interactions as training ratings, for {@code embedrec retrain} and for serving the models
 * it makes. The rules are those of the server's live fold-in, so that a retrained model learns what
 * fold-in approximated: a rating counts as given (snapped onto the model's rating scale), an
 * implicit interaction (weight, event) as a like ({@link FoldInRecommender#likedRating()}), and of a
 * user's interactions with one item the latest (by time, then as stored) wins, replacing a rating of
 * it in the base data too.
 *
 * <p>The ids of users and items that only the store knows come after the base data's, sorted, so the
 * ids are the same whichever way the store was read.
 */
final class RetrainingData {
    private RetrainingData() {
    }

    /** Every interaction of {@code store}, user by user, each user's in the order the store gives them. */
    static List<Interaction> readAll(InteractionStore store) throws IOException {
        List<Interaction> all = new ArrayList<>();
        for (String user : new TreeSet<>(store.users())) {
            all.addAll(store.interactions(user));
        }
        return all;
    }

    /** The interactions of {@code all} with a time up to {@code watermarkMillis}, in their order. */
    static List<Interaction> upTo(List<Interaction> all, long watermarkMillis) {
        return all.stream().filter(interaction -> interaction.timeMillis() <= watermarkMillis).toList();
    }

    /** The values stored interactions give, per user and item: the last one of each pair (see the class comment). */
    static Map<Pair, Value> values(List<Interaction> stored, FoldInRecommender rules) {
        RatingScale scale = rules.ratingScale();
        List<Interaction> ordered = new ArrayList<>(stored);
        // Stable: a user's interactions keep their stored order among equal times.
        ordered.sort(Comparator.comparing(Interaction::user).thenComparingLong(Interaction::timeMillis));
        Map<Pair, Value> values = new LinkedHashMap<>();
        for (Interaction interaction : ordered) {
            Pair pair = new Pair(interaction.user(), interaction.item());
            values.remove(pair);
            values.put(pair, new Value(interaction.isRating() ? RecommendationService.snap(interaction.rating(), scale)
                    : rules.likedRating(), interaction.timeMillis() / 1000));
        }
        return values;
    }

    /** A user and an item, by their external ids. */
    record Pair(String user, String item) {
    }

    /** The training value of a pair and the time (epoch seconds) of the interaction that set it. */
    record Value(float rating, long seconds) {
    }

    /** The users and items of {@code base} then those only {@code values} has, sorted. */
    static IdIndex[] ids(Ratings base, Map<Pair, Value> values) {
        IdIndex.Builder users = IdIndex.builder().addAll(base.users());
        IdIndex.Builder items = IdIndex.builder().addAll(base.items());
        TreeSet<String> newUsers = new TreeSet<>();
        TreeSet<String> newItems = new TreeSet<>();
        for (Pair pair : values.keySet()) {
            if (!base.users().contains(pair.user())) {
                newUsers.add(pair.user());
            }
            if (!base.items().contains(pair.item())) {
                newItems.add(pair.item());
            }
        }
        newUsers.forEach(users::add);
        newItems.forEach(items::add);
        return new IdIndex[] {users.build(), items.build()};
    }

    /**
     * {@code base} on the ids {@code users} and {@code items}, without its ratings of the pairs in
     * {@code replaced}, then (when {@code values} is not null) the stored values.
     */
    static Ratings merge(Ratings base, Map<Pair, Value> values, Set<Pair> replaced, IdIndex users, IdIndex items) {
        Ratings.Builder merged = Ratings.builder();
        for (int row = 0; row < base.size(); row++) {
            String user = base.users().id(base.user(row));
            String item = base.items().id(base.item(row));
            if (!replaced.contains(new Pair(user, item))) {
                merged.add(users.index(user), items.index(item), base.rating(row), base.timestamp(row));
            }
        }
        if (values != null) {
            values.forEach((pair, value) -> merged.add(users.index(pair.user()), items.index(pair.item()), value.rating(),
                    value.seconds()));
        }
        return merged.build(users, items);
    }

    /**
     * {@code data} with the stored interactions up to the watermark of {@code retraining} merged in, as
     * {@code model} was trained on them: the rating history a server shows for a retrained model.
     */
    static Dataset withStored(Dataset data, List<Interaction> stored, Retraining retraining, FoldInRecommender model) {
        Map<Pair, Value> values = values(upTo(stored, retraining.watermarkMillis()), model);
        IdIndex[] ids = ids(data.ratings(), values);
        Ratings ratings = merge(data.ratings(), values, new HashSet<>(values.keySet()), ids[0], ids[1]);
        return new Dataset(data.name(), ratings, data.catalog().alignedTo(ids[1]), data.implicit());
    }
}
