package org.embedrec.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import java.util.regex.Pattern;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ItemSimilarity;
import org.embedrec.model.Provenance;
import org.embedrec.model.Recommender;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;
import org.embedrec.server.Payloads.EmbeddingMapView;
import org.embedrec.server.Payloads.Explanation;
import org.embedrec.server.Payloads.Forgotten;
import org.embedrec.server.Payloads.Ingested;
import org.embedrec.server.Payloads.InteractionView;
import org.embedrec.server.Payloads.ItemView;
import org.embedrec.server.Payloads.ModelView;
import org.embedrec.server.Payloads.Prediction;
import org.embedrec.server.Payloads.Predictions;
import org.embedrec.server.Payloads.Recommendations;
import org.embedrec.server.Payloads.SearchResults;
import org.embedrec.server.Payloads.SimilarItems;
import org.embedrec.server.Payloads.UserList;
import org.embedrec.server.Payloads.UserInteractions;
import org.embedrec.server.Payloads.UserView;
import org.embedrec.server.live.Batch;
import org.embedrec.server.live.Interaction;
import org.embedrec.server.live.InteractionStore;

/**
 * What the API does, free of HTTP: resolves external ids (unknown ones are a 404 naming them),
 * ranks, filters and explains, on fitted models that it never changes. Thread-safe.
 *
 * <p>Explanations: a recommended item is explained by the item of the user's profile nearest to it
 * by cosine similarity of item vectors, among the profile items rated at or above the user's own
 * mean rating (all of them if that leaves none); an item with no positive similarity to any of
 * them gets no explanation.
 *
 * <p>The default model, which answers requests that name none, is the one with the best held-out
 * ranking metric recorded in its file ({@link #RANKING_METRIC}, e.g. {@code test.ndcg@10}, compared
 * only between models that record it at the same cut-off); without one, the first model.
 *
 * <p>Every listing says what its scores are ({@link ScoreKind}): predicted ratings for rating
 * models, ranking scores for models that only rank, the user's own ratings for a profile, cosine
 * similarities for similar items.
 *
 * <p>Live updates (with an {@link InteractionStore}): interactions are stored durably, and a user's
 * stored interactions are folded into every model that can fold in whenever that user's
 * recommendations are asked for: their profile is their training ratings (when the history is
 * known) with the stored interactions on top, a later interaction with an item replacing an
 * earlier rating of it; a rating counts as given (snapped onto the model's rating scale), an
 * implicit interaction (weight, event) as a like ({@link FoldInRecommender#likedRating()}), as in
 * {@code POST /recommendations}. Items without a trained vector are stored but left out of the
 * profile. So users the model never saw get recommendations as soon as their first batch is stored.
 */
public final class RecommendationService {
    /** The held-out ranking metric that picks the default model: NDCG at some cut-off on the test part. */
    public static final Pattern RANKING_METRIC = Pattern.compile("test\\.ndcg@(\\d+)");

    private final Map<String, ServedModel> models;
    private final ServedModel defaultModel;
    private final String defaultReason;
    private final EmbeddingMap fileMap;
    private final ServedModel fileMapModel;
    private final ConcurrentMap<String, EmbeddingMapView> maps = new ConcurrentHashMap<>();
    private final InteractionStore store;

    /**
     * Serves {@code models}; the one with the best held-out ranking metric (else the first) answers
     * requests that name no model.
     *
     * @param map a 2-D embedding map read from a file for the first model (deprecated: maps are
     *     computed per model on request), or null
     * @throws IllegalArgumentException if there is no model or two share a name
     */
    public RecommendationService(List<ServedModel> models, EmbeddingMap map) {
        this(models, map, null);
    }

    /**
     * Serves {@code models} as {@link #RecommendationService(List, EmbeddingMap)} does, with live
     * updates stored in {@code store} (null: read-only, the interaction routes answer 404), which the
     * server closes when it stops.
     */
    public RecommendationService(List<ServedModel> models, EmbeddingMap map, InteractionStore store) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        this.models = new LinkedHashMap<>();
        for (ServedModel served : models) {
            if (this.models.putIfAbsent(served.name(), served) != null) {
                throw new IllegalArgumentException("two models are named '" + served.name() + "'");
            }
        }
        String metric = models.stream().map(RecommendationService::rankingMetric).filter(Objects::nonNull).findFirst()
                .orElse(null);
        ServedModel best = models.get(0);
        if (metric != null) {
            // The first model recording the metric, replaced only by a strictly better one.
            best = models.stream().filter(served -> metric.equals(rankingMetric(served)))
                    .reduce((a, b) -> b.info().metrics().get(metric) > a.info().metrics().get(metric) ? b : a).orElseThrow();
        }
        this.defaultModel = best;
        this.defaultReason = defaultReason(models, best, metric);
        this.fileMap = map;
        this.fileMapModel = models.get(0);
        this.store = store;
    }

    /** The name of the held-out ranking metric {@code served} records (the smallest cut-off), or null. */
    static String rankingMetric(ServedModel served) {
        return served.info().metrics().keySet().stream().filter(name -> RANKING_METRIC.matcher(name).matches())
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

    /** The model named {@code name}, or the default model when {@code name} is null. */
    public ServedModel model(String name) {
        if (name == null) {
            return defaultModel;
        }
        ServedModel served = models.get(name);
        if (served == null) {
            throw ApiException.notFound("model", name, "unknown model '" + Requests.abbreviate(name) + "'; served: "
                    + models.keySet());
        }
        return served;
    }

    /** Every served model, the default first. */
    public List<ModelView> models() {
        List<ModelView> views = new ArrayList<>();
        for (ServedModel served : models.values()) {
            Recommender model = served.model();
            Provenance provenance = served.info().provenance();
            views.add(new ModelView(served.name(), served.info().kind(), ScoreKind.of(model), served.dimensions(),
                    model.users().size(), model.items().size(), provenance.dataFingerprint(), dataName(provenance.dataSource()),
                    provenance.split(), served.info().metrics(), served.hasHistory(), served.canFoldIn(),
                    served.hasEmbeddings(), served == defaultModel, served == defaultModel ? defaultReason : null));
        }
        return views;
    }

    /** The name of the training data folder (not its path: that stays on the server), or null. */
    private static String dataName(String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        Path name = Path.of(source).getFileName();
        return name == null ? source : name.toString();
    }

    /** Whether a 2-D embedding map was read from a file (the deprecated {@code --map}). */
    public boolean hasMap() {
        return fileMap != null;
    }

    /**
     * The 2-D embedding map of {@code served}'s items by {@code method} ({@code pca}, {@code tsne},
     * or {@code file} for the map read from a file; null for the file map when there is one for this
     * model, else PCA), computed on the first request and cached per model and method.
     */
    public EmbeddingMapView map(ServedModel served, String method) {
        EmbeddingMap.Method chosen = method == null
                ? (fileMap != null && served == fileMapModel ? EmbeddingMap.Method.FILE : EmbeddingMap.Method.PCA)
                : EmbeddingMap.Method.parse(method);
        if (chosen == EmbeddingMap.Method.FILE) {
            if (fileMap == null || served != fileMapModel) {
                throw ApiException.notFound("map", "file", fileMap == null ? "no map file was given (--map FILE);"
                        + " ask for method=pca or method=tsne" : "the map file belongs to model '" + fileMapModel.name()
                        + "'; ask for method=pca or method=tsne");
            }
            return fileMap.view(served);
        }
        // computeIfAbsent computes once: concurrent requests for the same map wait for it.
        return maps.computeIfAbsent(served.name() + "/" + chosen.wireName(),
                key -> EmbeddingMap.compute(served, chosen).view(served));
    }

    /** A page of the user ids of {@code served}. */
    public UserList users(ServedModel served, int offset, int limit) {
        List<String> ids = served.model().users().ids();
        int from = Math.min(offset, ids.size());
        return new UserList(ids.size(), from, List.copyOf(ids.subList(from, Math.min(ids.size(), from + limit))));
    }

    /** The profile of user {@code id}: the {@code n} items they rated highest (empty without a history). */
    public UserView user(ServedModel served, String id, int n) {
        int user = userIndex(served, id);
        if (!served.hasHistory()) {
            return new UserView(id, served.name(), 0, ScoreKind.RATING, List.of());
        }
        Ratings history = served.history();
        UserRatings byUser = served.byUser();
        List<ScoredItem> rated = new ArrayList<>();
        for (int k = byUser.start(user); k < byUser.end(user); k++) {
            int row = byUser.row(k);
            rated.add(new ScoredItem(history.item(row), history.rating(row)));
        }
        rated.sort(Comparator.comparingDouble(ScoredItem::score).reversed().thenComparingInt(ScoredItem::item));
        List<ItemView> top = new ArrayList<>();
        for (ScoredItem scored : rated.subList(0, Math.min(n, rated.size()))) {
            top.add(itemView(served, scored.item(), scored.score(), null));
        }
        return new UserView(id, served.name(), rated.size(), ScoreKind.RATING, top);
    }

    /**
     * Recommendations for user {@code id}: a user of the model, or, with live updates, any user with
     * stored interactions, whose profile is then folded in (see the class comment).
     */
    public Recommendations recommendForUser(ServedModel served, String id, Listing listing) {
        Recommender model = served.model();
        int user = model.users().tryIndex(id);
        List<Interaction> live = storedInteractions(id);
        if (!live.isEmpty() && model instanceof FoldInRecommender foldIn) {
            Profile profile = liveProfile(served, foldIn, user, live);
            float[] scores = served.scoreBuffer();
            foldIn.scoreNewUser(profile.items(), profile.ratings(), scores);
            return recommend(served, id, listing, profile, scores, null);
        }
        if (user < 0) {
            throw unknownUser(served, id);
        }
        Profile profile = trainingProfile(served, user);
        if (served.index() != null) {
            return recommendFromIndex(served, id, user, listing, profile);
        }
        float[] scores = served.scoreBuffer();
        model.rankAll(user, scores);
        // Ranking scores may be on another scale (raw scores before a sigmoid): report predictions.
        return recommend(served, id, listing, profile, scores, item -> model.predict(user, item));
    }

    /**
     * The list of a user of the model from the HNSW index: the listing's filters and the user's seen
     * items are applied inside the graph search, and each item reports the model's prediction, as the
     * exact list does.
     */
    private static Recommendations recommendFromIndex(ServedModel served, String id, int user, Listing listing,
            Profile profile) {
        int[] seen = profile != null && listing.excludeSeen() ? profile.items().clone() : new int[0];
        Arrays.sort(seen);
        Recommender model = served.model();
        List<ScoredItem> ranked = served.index().recommend(user, listing.n(),
                item -> served.filtered(item, listing) || Arrays.binarySearch(seen, item) >= 0);
        List<ScoredItem> top = new ArrayList<>(ranked.size());
        for (ScoredItem scored : ranked) {
            top.add(new ScoredItem(scored.item(), model.predict(user, scored.item())));
        }
        return new Recommendations(served.name(), id, ScoreKind.of(model), views(served, top,
                listing.explain() ? profile : null));
    }

    /** Filters and ranks {@code scores}; {@code reported} gives the score shown (null: the ranking score). */
    private static Recommendations recommend(ServedModel served, String id, Listing listing, Profile profile,
            float[] scores, IntToDoubleFunction reported) {
        served.excludeFiltered(scores, listing);
        if (profile != null && listing.excludeSeen()) {
            for (int item : profile.items()) {
                scores[item] = Float.NaN;
            }
        }
        List<ScoredItem> ranked = TopN.select(scores, listing.n());
        List<ScoredItem> top = ranked;
        if (reported != null) {
            top = new ArrayList<>(ranked.size());
            for (ScoredItem scored : ranked) {
                top.add(new ScoredItem(scored.item(), (float) reported.applyAsDouble(scored.item())));
            }
        }
        return new Recommendations(served.name(), id, ScoreKind.of(served.model()), views(served, top,
                listing.explain() ? profile : null));
    }

    /**
     * The profile {@code served} folds in for a user with stored interactions {@code live}: the
     * training ratings of {@code user} (when known and the history is served), then the stored
     * interactions by time, each replacing an earlier value for the same item.
     */
    private static Profile liveProfile(ServedModel served, FoldInRecommender foldIn, int user, List<Interaction> live) {
        Map<Integer, Float> values = new LinkedHashMap<>();
        Profile trained = user < 0 ? null : trainingProfile(served, user);
        if (trained != null) {
            for (int k = 0; k < trained.items().length; k++) {
                values.put(trained.items()[k], trained.ratings()[k]);
            }
        }
        RatingScale scale = foldIn.ratingScale();
        List<Interaction> byTime = new ArrayList<>(live);
        byTime.sort(Comparator.comparingLong(Interaction::timeMillis)); // stable: ties keep the stored order
        for (Interaction interaction : byTime) {
            int item = served.model().items().tryIndex(interaction.item());
            if (item < 0 || !served.model().isKnownItem(item)) {
                continue;
            }
            values.remove(item);
            values.put(item, interaction.isRating() ? snap(interaction.rating(), scale) : foldIn.likedRating());
        }
        int[] items = new int[values.size()];
        float[] ratings = new float[items.length];
        int k = 0;
        for (Map.Entry<Integer, Float> entry : values.entrySet()) {
            items[k] = entry.getKey();
            ratings[k++] = entry.getValue();
        }
        return new Profile(items, ratings);
    }

    /** The ratings {@code user} gave in {@code served}'s training history, or null without a history. */
    private static Profile trainingProfile(ServedModel served, int user) {
        if (!served.hasHistory()) {
            return null;
        }
        Ratings history = served.history();
        UserRatings byUser = served.byUser();
        int[] items = new int[byUser.count(user)];
        float[] ratings = new float[items.length];
        for (int k = 0; k < items.length; k++) {
            int row = byUser.row(byUser.start(user) + k);
            items[k] = history.item(row);
            ratings[k] = history.rating(row);
        }
        return new Profile(items, ratings);
    }

    /** {@code rating} moved onto {@code scale}: clamped to its range, rounded to its step. */
    static float snap(float rating, RatingScale scale) {
        float clamped = Math.max(scale.min(), Math.min(scale.max(), rating));
        if (scale.step() == 0) {
            return clamped;
        }
        return Math.min(scale.max(), scale.min() + Math.round((clamped - scale.min()) / scale.step()) * scale.step());
    }

    // ---- live updates ----

    /** Whether interactions can be stored (an interaction store is open). */
    public boolean isLive() {
        return store != null;
    }

    /** Closes the interaction store, if any (the server does, once stopped). */
    void closeStore() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    /** A 404 naming {@code store} unless interactions can be stored. */
    public void checkLive() {
        requireStore();
    }

    /** The scale ratings of {@code POST /interactions} are checked against: the default model's, or null. */
    public RatingScale ingestScale() {
        return defaultModel.model() instanceof FoldInRecommender foldIn ? foldIn.ratingScale() : null;
    }

    /**
     * Stores {@code batch} durably, once per idempotency key: 409 naming {@code idempotency_key} if the
     * key came before with another batch, 503 if the store cannot write (nothing of the batch stored).
     */
    public Ingested ingest(Batch batch) {
        try {
            InteractionStore.Appended appended = requireStore().append(batch);
            return new Ingested(batch.key(), appended.stored(), appended.replayed());
        } catch (InteractionStore.KeyReusedException e) {
            throw ApiException.conflict("idempotency_key", e.getMessage() + "; a new batch needs a new key");
        } catch (IOException e) {
            throw ApiException.unavailable("store", "the interactions were not stored (" + e.getMessage()
                    + "); send the batch again with the same idempotency_key");
        }
    }

    /** The stored interactions of user {@code id}, a page of them in the order stored. */
    public UserInteractions interactions(String id, int offset, int limit) {
        requireStore();
        List<Interaction> all = storedInteractions(id);
        int from = Math.min(offset, all.size());
        List<InteractionView> page = new ArrayList<>();
        for (Interaction interaction : all.subList(from, Math.min(all.size(), from + limit))) {
            page.add(new InteractionView(interaction.item(), interaction.rating(), interaction.weight(),
                    interaction.event(), Instant.ofEpochMilli(interaction.timeMillis()).toString()));
        }
        return new UserInteractions(id, all.size(), from, page);
    }

    /**
     * Deletes every stored interaction of user {@code id}, on disk and from their live profile. A
     * user of a model keeps their trained vector until the model is retrained without them.
     */
    public Forgotten forget(String id) {
        try {
            return new Forgotten(id, requireStore().forget(id));
        } catch (IOException e) {
            throw ApiException.unavailable("store", "the user was not forgotten (" + e.getMessage() + "); try again");
        }
    }

    private List<Interaction> storedInteractions(String id) {
        if (store == null) {
            return List.of();
        }
        try {
            return store.interactions(id);
        } catch (IOException e) {
            throw ApiException.unavailable("store", "the interaction store cannot be read: " + e.getMessage());
        }
    }

    private InteractionStore requireStore() {
        if (store == null) {
            throw ApiException.notFound("store", null, "live updates are off: start the server with --store DIR to"
                    + " store interactions");
        }
        return store;
    }

    /**
     * Recommendations for a user the model never saw, from their ratings ({@code items[k]} rated
     * {@code ratings[k]}, external ids); the rated items are never recommended back.
     */
    public Recommendations recommendForNewUser(ServedModel served, List<String> itemIds, float[] ratings,
            Listing listing) {
        FoldInRecommender foldIn = foldIn(served);
        int[] items = new int[itemIds.size()];
        for (int k = 0; k < items.length; k++) {
            items[k] = trainedItemIndex(served, itemIds.get(k), "items[" + k + "]");
        }
        float[] scores = served.scoreBuffer();
        foldIn.scoreNewUser(items, ratings, scores);
        return recommend(served, null, listing, new Profile(items, ratings), scores, null);
    }

    /** The rating a "liked" item stands for in {@code served}. */
    public float likedRating(ServedModel served) {
        return foldIn(served).likedRating();
    }

    /** The ratings a fold-in profile may give to {@code served}'s model (400 if it cannot fold in). */
    public RatingScale ratingScale(ServedModel served) {
        return foldIn(served).ratingScale();
    }

    private static FoldInRecommender foldIn(ServedModel served) {
        if (!(served.model() instanceof FoldInRecommender foldIn)) {
            throw ApiException.badField("model", "model '" + served.name() + "' (" + served.info().kind()
                    + ") cannot fold in new users");
        }
        return foldIn;
    }

    /**
     * The index of item {@code id}, which must have been in the training data: 404 if unknown,
     * 400 naming {@code field} if the model has no vector for it.
     */
    static int trainedItemIndex(ServedModel served, String id, String field) {
        int item = itemIndex(served, id);
        if (!served.model().isKnownItem(item)) {
            throw ApiException.badField(field, noVector(served, id));
        }
        return item;
    }

    /** The one message for an item that exists but has no trained vector, wherever it is refused. */
    private static String noVector(ServedModel served, String id) {
        return "item '" + Requests.abbreviate(id) + "' was not in the training data of model '" + served.name()
                + "', so it has no vector";
    }

    /** The {@code n} items most similar to item {@code id} with at least {@code minRatings} ratings. */
    public SimilarItems similar(ServedModel served, String id, int n, int minRatings) {
        int item = itemIndex(served, id);
        if (!(served.model() instanceof ItemSimilarity embedding)) {
            throw ApiException.badField("model", "model '" + served.name() + "' (" + served.info().kind()
                    + ") cannot compare items");
        }
        if (!embedding.isKnownItem(item)) {
            throw ApiException.notFound("item", id, noVector(served, id));
        }
        IntPredicate exclude = other -> served.popularity(other) < minRatings;
        List<ScoredItem> top = served.index() != null && served.index().hasSimilarItems()
                ? served.index().similarItems(item, n, exclude) : embedding.similarItems(item, n, exclude);
        return new SimilarItems(served.name(), itemView(served, item, null, null), ScoreKind.SIMILARITY,
                views(served, top, null));
    }

    /** Items whose title contains {@code query}: exact matches first, then the most rated. */
    public SearchResults search(ServedModel served, String query, int n) {
        ItemCatalog catalog = served.model().catalog();
        int[] found = catalog.search(query);
        String needle = query.strip();
        List<Integer> ordered = new ArrayList<>(found.length);
        for (int item : found) {
            ordered.add(item);
        }
        ordered.sort(Comparator.comparing((Integer item) -> !catalog.title(item).equalsIgnoreCase(needle))
                .thenComparing(item -> -served.popularity(item))
                .thenComparing(item -> item));
        List<ItemView> views = new ArrayList<>();
        for (int item : ordered.subList(0, Math.min(n, ordered.size()))) {
            views.add(itemView(served, item, null, null));
        }
        return new SearchResults(query, found.length, views);
    }

    /** Item {@code id}. */
    public ItemView item(ServedModel served, String id) {
        return itemView(served, itemIndex(served, id), null, null);
    }

    /**
     * Predicted scores for (user, item) pairs of external ids, in order. An item without a trained
     * vector is refused (400 naming {@code pairs[k].item}), as fold-in and similar items refuse it:
     * its score would be the untrained initial vector's, not a prediction.
     */
    public Predictions predict(ServedModel served, List<String> users, List<String> items) {
        List<Prediction> predictions = new ArrayList<>(users.size());
        for (int k = 0; k < users.size(); k++) {
            int user = userIndex(served, users.get(k));
            int item = trainedItemIndex(served, items.get(k), "pairs[" + k + "].item");
            predictions.add(new Prediction(users.get(k), items.get(k), served.model().predict(user, item)));
        }
        return new Predictions(served.name(), ScoreKind.of(served.model()), predictions);
    }

    private static int userIndex(ServedModel served, String id) {
        int user = served.model().users().tryIndex(id);
        if (user < 0) {
            throw unknownUser(served, id);
        }
        return user;
    }

    private static ApiException unknownUser(ServedModel served, String id) {
        return ApiException.notFound("user", id, "unknown user '" + Requests.abbreviate(id) + "' in model '"
                + served.name() + "'");
    }

    static int itemIndex(ServedModel served, String id) {
        int item = served.model().items().tryIndex(id);
        if (item < 0) {
            throw ApiException.notFound("item", id, "unknown item '" + Requests.abbreviate(id) + "' in model '"
                    + served.name() + "'");
        }
        return item;
    }

    private static List<ItemView> views(ServedModel served, List<ScoredItem> top, Profile profile) {
        int[] liked = profile == null || !served.hasEmbeddings() ? null : profile.liked();
        List<ItemView> views = new ArrayList<>(top.size());
        for (ScoredItem scored : top) {
            Explanation because = liked == null ? null : explain(served, scored.item(), liked, profile);
            views.add(itemView(served, scored.item(), scored.score(), because));
        }
        return views;
    }

    private static Explanation explain(ServedModel served, int item, int[] liked, Profile profile) {
        int best = -1;
        float bestSimilarity = Float.NEGATIVE_INFINITY;
        for (int k : liked) {
            float similarity = served.cosine(item, profile.items[k]);
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = k;
            }
        }
        if (best < 0 || !(bestSimilarity > 0)) {
            // An item pointing away from everything the user liked has no honest "because".
            return null;
        }
        int source = profile.items[best];
        return new Explanation(served.model().items().id(source), served.model().catalog().title(source),
                bestSimilarity, profile.ratings[best]);
    }

    private static ItemView itemView(ServedModel served, int item, Float score, Explanation because) {
        ItemCatalog catalog = served.model().catalog();
        int year = catalog.year(item);
        return new ItemView(catalog.items().id(item), catalog.title(item),
                year == ItemCatalog.UNKNOWN_YEAR ? null : year, catalog.genres(item), served.popularity(item), score,
                because);
    }

    /** A user's rated items (dense indices) and ratings. */
    private record Profile(int[] items, float[] ratings) {
        Profile {
            Objects.requireNonNull(items);
        }

        /** Positions of the items rated at or above the mean rating (all if none). */
        int[] liked() {
            double mean = 0;
            for (float rating : ratings) {
                mean += rating;
            }
            mean /= Math.max(1, ratings.length);
            List<Integer> positions = new ArrayList<>();
            for (int k = 0; k < ratings.length; k++) {
                if (ratings[k] >= mean) {
                    positions.add(k);
                }
            }
            return positions.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
