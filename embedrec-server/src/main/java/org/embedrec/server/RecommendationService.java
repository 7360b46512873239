package org.embedrec.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ItemFoldInRecommender;
import org.embedrec.model.ItemFoldInRecommender.LatentUser;
import org.embedrec.model.ItemSimilarity;
import org.embedrec.model.Provenance;
import org.embedrec.model.Recommender;
import org.embedrec.model.Retraining;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;
import org.embedrec.server.Payloads.Described;
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
import org.embedrec.server.Payloads.Reloaded;
import org.embedrec.server.Payloads.SearchResults;
import org.embedrec.server.Payloads.SimilarItems;
import org.embedrec.server.Payloads.UserList;
import org.embedrec.server.Payloads.UserInteractions;
import org.embedrec.server.Payloads.UserView;
import org.embedrec.server.live.Batch;
import org.embedrec.server.live.Interaction;
import org.embedrec.server.live.InteractionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.embedrec.server.live.ItemMetadata;
import org.embedrec.server.live.ItemMetadataStore;

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
 * <p>The models live in a {@link ModelRegistry}: {@link #reload} swaps in freshly loaded model
 * files as a whole, and a request finishes on the model it picked at its start.
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
 * A model that {@code embedrec retrain} made has the stored interactions up to its watermark
 * ({@link Retraining#watermarkMillis()}) trained in: only later ones are folded into it.
 *
 * <p>New items (live updates, models that fold in items): items without a trained vector that
 * appear in stored interactions or are described ({@code POST /items}) get a vector in an
 * {@link ItemOverlay} per model, built from the store when the model is first served and kept
 * current after every ingest, forget and description; recommendations and similar items rank them
 * with the model's items.
 */
public final class RecommendationService {
    /** The held-out ranking metric that picks the default model: NDCG at some cut-off on the test part. */
    public static final Pattern RANKING_METRIC = Pattern.compile("test\\.ndcg@(\\d+)");
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationService.class);

    private final ModelRegistry registry;
    private final EmbeddingMap fileMap;
    private final String fileMapModel;
    private final ConcurrentMap<MapKey, EmbeddingMapView> maps = new ConcurrentHashMap<>();
    private final InteractionStore store;
    private ModelWatcher watcher;

    /** A computed map: of which model object (not only name: a reload replaces it), by which method. */
    private record MapKey(ServedModel served, EmbeddingMap.Method method) {
    }

    private final ItemMetadataStore itemMetadata;
    /** The new-item overlay of each served model that folds in items, built on first use; weak, for models swapped out. */
    private final Map<ServedModel, ItemOverlay> overlays = Collections.synchronizedMap(new WeakHashMap<>());
    /** Serializes building overlays with changing them, so no change is lost to an overlay being built. */
    private final Object overlayLock = new Object();

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
        this(models, map, store, null, null);
    }

    /**
     * Serves {@code models} as {@link #RecommendationService(List, EmbeddingMap, InteractionStore)}
     * does, reloaded by {@code loader} on {@link #reload} (null: reloading is refused).
     */
    public RecommendationService(List<ServedModel> models, EmbeddingMap map, InteractionStore store,
            ModelRegistry.ModelLoader loader) {
        this(models, map, store, null, loader);
    }

    /**
     * Serves {@code models} with live updates stored in {@code store}, as
     * {@link #RecommendationService(List, EmbeddingMap, InteractionStore)} does, and item descriptions
     * kept in {@code itemMetadata} (null: {@code POST /items} answers 404).
     */
    public RecommendationService(List<ServedModel> models, EmbeddingMap map, InteractionStore store,
            ItemMetadataStore itemMetadata) {
        this(models, map, store, itemMetadata, null);
    }

    /**
     * Serves {@code models} with live updates in {@code store}, item descriptions in {@code itemMetadata}
     * and reloads by {@code loader} (each null when not wanted); builds the new-item overlays of the
     * models that fold in items.
     */
    public RecommendationService(List<ServedModel> models, EmbeddingMap map, InteractionStore store,
            ItemMetadataStore itemMetadata, ModelRegistry.ModelLoader loader) {
        this.registry = new ModelRegistry(models, loader);
        this.fileMap = map;
        this.fileMapModel = models.get(0).name();
        this.store = store;
        this.itemMetadata = itemMetadata;
        for (ServedModel served : models) {
            overlay(served);
        }
    }

    /** The model named {@code name}, or the default model when {@code name} is null. */
    public ServedModel model(String name) {
        ModelSet models = registry.current();
        if (name == null) {
            return models.defaultModel();
        }
        ServedModel served = models.get(name);
        if (served == null) {
            throw ApiException.notFound("model", name, "unknown model '" + Requests.abbreviate(name) + "'; served: "
                    + models.names());
        }
        return served;
    }

    /** Every served model, in the order given. */
    public List<ModelView> models() {
        return views(registry.current());
    }

    private static List<ModelView> views(ModelSet models) {
        List<ModelView> views = new ArrayList<>();
        for (ServedModel served : models.all()) {
            Recommender model = served.model();
            Provenance provenance = served.info().provenance();
            Retraining retraining = provenance.retraining();
            boolean isDefault = served == models.defaultModel();
            views.add(new ModelView(served.name(), served.info().kind(), ScoreKind.of(model), served.dimensions(),
                    model.users().size(), model.items().size(), provenance.dataFingerprint(), dataName(provenance.dataSource()),
                    provenance.split(), served.info().metrics(), served.hasHistory(), served.canFoldIn(),
                    served.hasEmbeddings(), isDefault, isDefault ? models.defaultReason() : null, provenance.version(),
                    retraining == null ? null : retraining.trainedAt().toString(),
                    retraining == null ? null : Instant.ofEpochMilli(retraining.watermarkMillis()).toString(),
                    models.loadedAt().toString()));
        }
        return views;
    }

    /**
     * Loads every model file afresh and serves the new models instead of the current ones; requests
     * in flight finish on the models they started with. 409 naming {@code model} if a file cannot be
     * loaded (the message names it without its folder): then nothing changes.
     */
    public Reloaded reload() {
        if (!registry.canReload()) {
            throw ApiException.notFound("reload", null, "this server was not started from model files, so it cannot"
                    + " reload them");
        }
        ModelSet loaded;
        try {
            loaded = registry.reload();
        } catch (IOException | RuntimeException e) {
            ModelSet kept = registry.current();
            throw ApiException.conflict("model", "reloading failed, still serving the models loaded at "
                    + kept.loadedAt() + " (generation " + kept.generation() + "): " + registry.withoutFolders(e.getMessage()));
        }
        maps.keySet().removeIf(key -> !loaded.contains(key.served()));
        return new Reloaded(loaded.generation(), loaded.loadedAt().toString(), views(loaded));
    }

    /**
     * Reloads the models whenever one of their files changes (checked every {@code interval}); a
     * failed reload is logged and the models loaded before keep serving.
     *
     * @throws IllegalStateException if the service cannot reload or already watches
     */
    public synchronized void watch(Duration interval) {
        if (!registry.canReload()) {
            throw new IllegalStateException("the model files are unknown: there is nothing to watch");
        }
        if (watcher != null) {
            throw new IllegalStateException("the model files are already watched");
        }
        watcher = new ModelWatcher(registry.files(), interval, () -> {
            try {
                Reloaded reloaded = reload();
                LOG.info("reloaded the models (generation {})", reloaded.generation());
            } catch (ApiException e) {
                LOG.error("{}", e.getMessage());
            }
        });
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
        boolean fileMapped = fileMap != null && served.name().equals(fileMapModel);
        EmbeddingMap.Method chosen = method == null
                ? (fileMapped ? EmbeddingMap.Method.FILE : EmbeddingMap.Method.PCA)
                : EmbeddingMap.Method.parse(method);
        if (chosen == EmbeddingMap.Method.FILE) {
            if (!fileMapped) {
                throw ApiException.notFound("map", "file", fileMap == null ? "no map file was given (--map FILE);"
                        + " ask for method=pca or method=tsne" : "the map file belongs to model '" + fileMapModel
                        + "'; ask for method=pca or method=tsne");
            }
            return fileMap.view(served);
        }
        // computeIfAbsent computes once: concurrent requests for the same map wait for it.
        return maps.computeIfAbsent(new MapKey(served, chosen), key -> EmbeddingMap.compute(served, chosen).view(served));
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
            return new UserView(id, served.name(), served.userAttributes(id), 0, ScoreKind.RATING, List.of());
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
            top.add(itemView(served, ItemOverlay.Snapshot.EMPTY, scored.item(), scored.score(), null));
        }
        return new UserView(id, served.name(), served.userAttributes(id), rated.size(), ScoreKind.RATING, top);
    }

    /**
     * Recommendations for user {@code id}: a user of the model, or, with live updates, any user with
     * stored interactions, whose profile is then folded in (see the class comment).
     */
    public Recommendations recommendForUser(ServedModel served, String id, Listing listing) {
        Recommender model = served.model();
        int user = model.users().tryIndex(id);
        List<Interaction> live = untrained(served, storedInteractions(id));
        if (!live.isEmpty() && model instanceof FoldInRecommender foldIn) {
            Profile profile = liveProfile(served, foldIn, user, live);
            float[] scores = served.scoreBuffer();
            foldIn.scoreNewUser(profile.items(), profile.ratings(), scores);
            return recommend(served, id, listing, profile, scores, null, newItems(served, listing, live,
                    itemFoldIn -> itemFoldIn.foldInLatentUser(profile.items(), profile.ratings())));
        }
        if (user < 0) {
            throw unknownUser(served, id);
        }
        Profile profile = trainingProfile(served, user);
        float[] scores = served.scoreBuffer();
        model.rankAll(user, scores);
        // Ranking scores may be on another scale (raw scores before a sigmoid): report predictions.
        return recommend(served, id, listing, profile, scores, item -> model.predict(user, item),
                newItems(served, listing, live, itemFoldIn -> itemFoldIn.latentUser(user)));
    }

    /**
     * The stored interactions {@code served} was not trained on: all of them, or for a retrained model
     * those after its watermark.
     */
    static List<Interaction> untrained(ServedModel served, List<Interaction> stored) {
        Retraining retraining = served.info().provenance().retraining();
        if (retraining == null || stored.isEmpty()) {
            return stored;
        }
        List<Interaction> newer = new ArrayList<>();
        for (Interaction interaction : stored) {
            if (interaction.timeMillis() > retraining.watermarkMillis()) {
                newer.add(interaction);
            }
        }
        return newer;
    }

    /**
     * The overlay items for a user (their stored interactions {@code live}, their parameters from
     * {@code user}), filtered and scored as {@code listing} asks; none without an overlay.
     */
    private NewItems newItems(ServedModel served, Listing listing, List<Interaction> live,
            Function<ItemFoldInRecommender, LatentUser> user) {
        ItemOverlay overlay = overlay(served);
        ItemOverlay.Snapshot view = overlay == null ? ItemOverlay.Snapshot.EMPTY : overlay.snapshot();
        if (view.size() == 0) {
            return new NewItems(view, List.of());
        }
        Set<String> seen = live.stream().map(Interaction::item).collect(Collectors.toSet());
        return new NewItems(view, overlay.recommend(view, user.apply((ItemFoldInRecommender) served.model()), listing,
                seen));
    }

    /** Overlay items scored for one listing, and the overlay view they index. */
    private record NewItems(ItemOverlay.Snapshot view, List<ScoredItem> scored) {
    }

    /**
     * Filters and ranks {@code scores}; {@code reported} gives the score shown (null: the ranking score),
     * on the scale of the new items' scores, which are merged in.
     */
    private static Recommendations recommend(ServedModel served, String id, Listing listing, Profile profile,
            float[] scores, IntToDoubleFunction reported, NewItems newItems) {
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
        top = ItemOverlay.merge(top, newItems.scored(), listing.n());
        return new Recommendations(served.name(), id, ScoreKind.of(served.model()), views(served, newItems.view(), top,
                listing.explain() ? profile : null));
    }

    /**
     * The profile {@code served} folds in for a user with stored interactions {@code live}: the
     * training ratings of {@code user} (when known and the history is served), then the stored
     * interactions by time, each replacing an earlier value for the same item. Items without a
     * trained vector are left out, from the history too (it may hold the ratings of a held-out split).
     */
    private static Profile liveProfile(ServedModel served, FoldInRecommender foldIn, int user, List<Interaction> live) {
        Map<Integer, Float> values = new LinkedHashMap<>();
        Profile trained = user < 0 ? null : trainingProfile(served, user);
        if (trained != null) {
            for (int k = 0; k < trained.items().length; k++) {
                if (served.model().isKnownItem(trained.items()[k])) {
                    values.put(trained.items()[k], trained.ratings()[k]);
                }
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
    public static float snap(float rating, RatingScale scale) {
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

    /** The interaction store, or null when live updates are off (for readiness and metrics). */
    InteractionStore store() {
        return store;
    }

    /** Stops watching the model files and closes the interaction store, if any (the server does, once stopped). */
    void close() throws IOException {
        synchronized (this) {
            if (watcher != null) {
                watcher.close();
            }
        }
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
        return registry.current().defaultModel().model() instanceof FoldInRecommender foldIn ? foldIn.ratingScale() : null;
    }

    /**
     * Stores {@code batch} durably, once per idempotency key: 409 naming {@code idempotency_key} if the
     * key came before with another batch, 503 if the store cannot write (nothing of the batch stored).
     */
    public Ingested ingest(Batch batch) {
        try {
            InteractionStore.Appended appended = requireStore().append(batch);
            if (!appended.replayed()) {
                changeOverlays(overlay -> overlay.add(batch.interactions()));
            }
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
            long forgotten = requireStore().forget(id);
            changeOverlays(overlay -> overlay.forget(id));
            return new Forgotten(id, forgotten);
        } catch (IOException e) {
            throw ApiException.unavailable("store", "the user was not forgotten (" + e.getMessage() + "); try again");
        }
    }

    /**
     * Stores the descriptions of {@code items} durably (a later one of an id replaces the earlier one)
     * and places the items no model has a vector for by their genres: 404 naming {@code store} if
     * descriptions cannot be kept, 503 if they were not stored.
     */
    public Described describeItems(List<ItemMetadata> items) {
        requireStore();
        if (itemMetadata == null) {
            throw ApiException.notFound("store", null, "item descriptions are kept in a log store's folder: start the"
                    + " server with --store DIR");
        }
        try {
            itemMetadata.put(items);
        } catch (IOException e) {
            throw ApiException.unavailable("store", "the items were not stored (" + e.getMessage() + "); try again");
        }
        changeOverlays(overlay -> overlay.describe(items));
        return new Described(items.size());
    }

    /**
     * The new-item overlay of {@code served}, built from the store on first use; null without a store or
     * for a model that cannot fold in items.
     */
    private ItemOverlay overlay(ServedModel served) {
        if (store == null || !(served.model() instanceof ItemFoldInRecommender model)) {
            return null;
        }
        ItemOverlay overlay = overlays.get(served);
        if (overlay != null) {
            return overlay;
        }
        synchronized (overlayLock) {
            overlay = overlays.get(served);
            if (overlay == null) {
                try {
                    overlay = ItemOverlay.build(model, store, itemMetadata == null ? List.of() : itemMetadata.items());
                } catch (IOException e) {
                    throw ApiException.unavailable("store", "the interaction store cannot be read: " + e.getMessage());
                }
                overlays.put(served, overlay);
            }
            return overlay;
        }
    }

    /** Applies {@code change} to every overlay built so far; overlays built later read the change from the store. */
    private void changeOverlays(Consumer<ItemOverlay> change) {
        synchronized (overlayLock) {
            List<ItemOverlay> built;
            synchronized (overlays) {
                built = List.copyOf(overlays.values());
            }
            built.forEach(change);
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
        return recommend(served, null, listing, new Profile(items, ratings), scores, null, newItems(served, listing,
                List.of(), itemFoldIn -> itemFoldIn.foldInLatentUser(items, ratings)));
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
        ItemOverlay overlay = overlay(served);
        ItemOverlay.Snapshot view = overlay == null ? ItemOverlay.Snapshot.EMPTY : overlay.snapshot();
        int item = served.model().items().tryIndex(id);
        boolean trained = item >= 0 && served.model().isKnownItem(item);
        int added = trained ? -1 : view.index(id);
        if (added < 0) {
            item = itemIndex(served, id);
        }
        if (!(served.model() instanceof ItemSimilarity embedding)) {
            throw ApiException.badField("model", "model '" + served.name() + "' (" + served.info().kind()
                    + ") cannot compare items");
        }
        if (added >= 0) {
            float[] unit = view.entry(added).unit();
            if (unit == null) {
                throw ApiException.notFound("item", id, "item '" + Requests.abbreviate(id) + "' has no vector in model '"
                        + served.name() + "' yet: it needs interactions of the model's users or genres the model knows");
            }
            List<ScoredItem> top = ItemOverlay.merge(trainedNeighbours(served, unit, n, minRatings),
                    ItemOverlay.similar(view, unit, added, n, minRatings), n);
            return new SimilarItems(served.name(), itemView(served, view, added, null, null), ScoreKind.SIMILARITY,
                    views(served, view, top, null));
        }
        if (!embedding.isKnownItem(item)) {
            throw ApiException.notFound("item", id, noVector(served, id));
        }
        List<ScoredItem> top = embedding.similarItems(item, n, other -> served.popularity(other) < minRatings);
        if (view.size() > 0) {
            float[] unit = ItemOverlay.unit(((ItemFoldInRecommender) served.model()).itemVector(item));
            top = ItemOverlay.merge(top, ItemOverlay.similar(view, unit, -1, n, minRatings), n);
        }
        return new SimilarItems(served.name(), itemView(served, view, item, null, null), ScoreKind.SIMILARITY,
                views(served, view, top, null));
    }

    /** The {@code n} trained items nearest by cosine to {@code unit} with at least {@code minRatings} ratings. */
    private static List<ScoredItem> trainedNeighbours(ServedModel served, float[] unit, int n, int minRatings) {
        float[] similarity = served.scoreBuffer();
        for (int other = 0; other < similarity.length; other++) {
            similarity[other] = served.cosine(unit, other);
        }
        served.excludeFiltered(similarity, new Listing(n, false, null, minRatings, false));
        return TopN.select(similarity, n);
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
            views.add(itemView(served, ItemOverlay.Snapshot.EMPTY, item, null, null));
        }
        return new SearchResults(query, found.length, views);
    }

    /** Item {@code id}: a trained item, a new item of the overlay, or an untrained item of the catalog. */
    public ItemView item(ServedModel served, String id) {
        int item = served.model().items().tryIndex(id);
        ItemOverlay overlay = overlay(served);
        if (overlay != null && (item < 0 || !served.model().isKnownItem(item))) {
            ItemOverlay.Snapshot view = overlay.snapshot();
            int added = view.index(id);
            if (added >= 0) {
                return itemView(served, view, added, null, null);
            }
        }
        return itemView(served, ItemOverlay.Snapshot.EMPTY, itemIndex(served, id), null, null);
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

    /** Views of {@code top}, whose indices past the model's items are items of {@code view}. */
    private static List<ItemView> views(ServedModel served, ItemOverlay.Snapshot view, List<ScoredItem> top,
            Profile profile) {
        int[] liked = profile == null || !served.hasEmbeddings() ? null : profile.liked();
        List<ItemView> views = new ArrayList<>(top.size());
        for (ScoredItem scored : top) {
            Explanation because = liked == null ? null : explain(served, view, scored.item(), liked, profile);
            views.add(itemView(served, view, scored.item(), scored.score(), because));
        }
        return views;
    }

    private static Explanation explain(ServedModel served, ItemOverlay.Snapshot view, int item, int[] liked,
            Profile profile) {
        float[] added = view.contains(item) ? view.entry(item).unit() : null;
        int best = -1;
        float bestSimilarity = Float.NEGATIVE_INFINITY;
        for (int k : liked) {
            float similarity = added != null ? served.cosine(added, profile.items[k])
                    : served.cosine(item, profile.items[k]);
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

    private static ItemView itemView(ServedModel served, ItemOverlay.Snapshot view, int item, Float score,
            Explanation because) {
        if (view.contains(item)) {
            ItemOverlay.Entry entry = view.entry(item);
            return new ItemView(entry.id(), entry.title(), entry.year(), entry.genres(), entry.popularity(), score,
                    because);
        }
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
