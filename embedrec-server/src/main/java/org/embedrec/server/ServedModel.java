package org.embedrec.server;

import java.util.List;
import java.util.Objects;
import org.embedrec.ann.ItemIndex;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserAttributes;
import org.embedrec.data.UserRatings;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Recommender;
import org.embedrec.model.Vectors;

/**
 * One model the server answers with, under a name, with what serving needs precomputed: the
 * users' rating history when the training data was found (to leave out what a user has seen and
 * to show what they rated highest), item popularity (for the {@code min_ratings} filter and
 * search order), unit-length item vectors (for "because you liked" explanations) and a per-thread
 * score buffer, so a recommendation allocates nothing proportional to the catalog. With an
 * {@link ItemIndex} (from {@code serve --index hnsw}), recommendations for the model's own users and
 * similar items come from its HNSW graphs instead of a scan of the whole catalog.
 */
public final class ServedModel {
    private final String name;
    private final Recommender model;
    private final ModelInfo info;
    private final Ratings history;
    private final UserAttributes userAttributes;
    private final UserRatings byUser;
    private final int[] popularity;
    private final float[] unitItemVectors;
    private final int dimensions;
    private final int[][] itemGenres;
    private final boolean[] known;
    private final ThreadLocal<float[]> scores;
    private final ItemIndex index;

    private ServedModel(String name, Recommender model, ModelInfo info, Ratings history, UserAttributes userAttributes,
            ItemIndex index) {
        this.name = Objects.requireNonNull(name, "name");
        this.model = Objects.requireNonNull(model, "model");
        this.info = Objects.requireNonNull(info, "info");
        int items = model.items().size();
        if (history != null && (!history.users().equals(model.users()) || !history.items().equals(model.items()))) {
            throw new IllegalArgumentException("the rating history given for model '" + name + "' has other user or item"
                    + " ids than the model (" + history.userCount() + " users / " + history.itemCount()
                    + " items vs " + model.users().size() + " / " + items + ")");
        }
        this.history = history;
        this.userAttributes = Objects.requireNonNull(userAttributes, "userAttributes");
        this.byUser = history == null ? null : history.byUser();
        if (history != null) {
            this.popularity = history.itemCounts();
        } else {
            // Without data, popularity is unknown: known items count as 1 so min_ratings <= 1 still works.
            this.popularity = new int[items];
            for (int item = 0; item < items; item++) {
                popularity[item] = model.isKnownItem(item) ? 1 : 0;
            }
        }
        if (model instanceof EmbeddingModel embedding) {
            this.dimensions = embedding.dimensions();
            float[] table = new float[items * dimensions];
            for (int item = 0; item < items; item++) {
                System.arraycopy(embedding.itemVector(item), 0, table, item * dimensions, dimensions);
            }
            this.unitItemVectors = Vectors.normalizedRows(table, items, dimensions);
        } else {
            this.dimensions = 0;
            this.unitItemVectors = null;
        }
        this.known = new boolean[items];
        for (int item = 0; item < items; item++) {
            known[item] = model.isKnownItem(item);
        }
        this.itemGenres = new int[items][];
        for (int item = 0; item < items; item++) {
            itemGenres[item] = model.catalog().genreIndices(item);
        }
        this.scores = ThreadLocal.withInitial(() -> new float[items]);
        this.index = index;
    }

    /**
     * Serves {@code model} as {@code name}, described by {@code info} (its model file's provenance);
     * {@code history} (may be null) holds the ratings the model's users gave, with the model's user
     * and item ids.
     *
     * @throws IllegalArgumentException if the history's ids differ from the model's
     */
    public static ServedModel of(String name, Recommender model, ModelInfo info, Ratings history) {
        return new ServedModel(name, model, info, history, UserAttributes.none(), null);
    }

    /** As {@link #of(String, Recommender, ModelInfo, Ratings)}, with the user metadata's attributes to show. */
    public static ServedModel of(String name, Recommender model, ModelInfo info, Ratings history, UserAttributes userAttributes) {
        return new ServedModel(name, model, info, history, userAttributes, null);
    }

    /**
     * Like {@link #of(String, Recommender, ModelInfo, Ratings, UserAttributes)}, answering with {@code index}
     * (built and holding the model) instead of exact scans where it can.
     *
     * @throws IllegalArgumentException as above
     */
    public static ServedModel withIndex(String name, ItemIndex index, ModelInfo info, Ratings history,
            UserAttributes userAttributes) {
        return new ServedModel(name, index.model(), info, history, userAttributes, index);
    }

    /** The attributes of user {@code id} from the user metadata; empty without. */
    public List<String> userAttributes(String id) {
        return userAttributes.of(id);
    }

    /** The approximate-search index, or null when every list comes from an exact scan. */
    ItemIndex index() {
        return index;
    }

    /** Kind, options, data fingerprint and metrics of the model. */
    public ModelInfo info() {
        return info;
    }

    /** The name clients select the model by. */
    public String name() {
        return name;
    }

    /** The model. */
    public Recommender model() {
        return model;
    }

    /** Whether the users' rating history is known. */
    public boolean hasHistory() {
        return history != null;
    }

    /** The rating history, or null. */
    Ratings history() {
        return history;
    }

    /** The history grouped by user, or null. */
    UserRatings byUser() {
        return byUser;
    }

    /** Ratings of {@code item} in the history (1 for every known item without a history). */
    public int popularity(int item) {
        return popularity[item];
    }

    /** Whether items have vectors (similar items and explanations need them). */
    public boolean hasEmbeddings() {
        return unitItemVectors != null;
    }

    /** Whether new users can be folded in. */
    public boolean canFoldIn() {
        return model instanceof FoldInRecommender;
    }

    /** Length of an item vector, 0 without embeddings. */
    public int dimensions() {
        return dimensions;
    }

    /** Genre indices of {@code item} (into the catalog's genre names); do not modify. */
    int[] genres(int item) {
        return itemGenres[item];
    }

    /** Cosine similarity of two items' vectors; requires embeddings. */
    float cosine(int a, int b) {
        return Vectors.dot(unitItemVectors, a * dimensions, unitItemVectors, b * dimensions, dimensions);
    }

    /** Whether the listing leaves out {@code item}: unknown to the model, or failing its popularity or genre filter. */
    boolean filtered(int item, Listing listing) {
        return !known[item] || popularity[item] < listing.minRatings()
                || (listing.genres() != null && !listing.admits(this, item));
    }

    /** Cosine similarity of the unit-length {@code unit} and {@code item}'s vector; requires embeddings. */
    float cosine(float[] unit, int item) {
        return Vectors.dot(unit, 0, unitItemVectors, item * dimensions, dimensions);
    }

    /**
     * Sets to NaN (never selected by {@link org.embedrec.model.TopN}) the score of every item the
     * listing leaves out: items unknown to the model and items failing its popularity or genre filter.
     */
    void excludeFiltered(float[] scores, Listing listing) {
        int minRatings = listing.minRatings();
        boolean byGenre = listing.genres() != null;
        for (int item = 0; item < scores.length; item++) {
            if (!known[item] || popularity[item] < minRatings || (byGenre && !listing.admits(this, item))) {
                scores[item] = Float.NaN;
            }
        }
    }

    /** This thread's score buffer (length = item count); valid until the thread's next request. */
    float[] scoreBuffer() {
        return scores.get();
    }
}
