package org.embedrec.server;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of the API, as records (field names become snake_case on the wire). Null
 * components are left out of the JSON.
 */
public final class Payloads {
    private Payloads() {
    }

    /**
     * An item: its external id, catalog data, number of ratings in the served history, and for
     * listings its score and an optional explanation.
     */
    public record ItemView(String id, String title, Integer year, List<String> genres, int ratings, Float score,
            Explanation because) {
    }

    /** "Because you liked": the profile item nearest to a recommended item by cosine similarity. */
    public record Explanation(String id, String title, float similarity, Float rating) {
    }

    /**
     * A served model: what it is ({@code kind}, and what its scores are), what it was trained on
     * ({@code data}: the data folder's name; {@code split}), its recorded metrics beside the
     * baselines' ({@code baseline.*} names), what it can do, and whether it answers requests that
     * name no model, and why ({@code defaultReason}, on the default only); its {@code version} (1 for
     * a model {@code train} made, one more per {@code embedrec retrain}), and for a retrained model
     * when it was trained and the watermark up to which stored interactions are trained in (ISO-8601
     * instants, absent otherwise); when the server loaded it ({@code loadedAt}).
     */
    public record ModelView(String name, String kind, ScoreKind scoreKind, int dimensions, int users, int items,
            String dataFingerprint, String data, String split, Map<String, Double> metrics, boolean history,
            boolean foldIn, boolean embeddings, boolean isDefault, String defaultReason, int version, String trainedAt,
            String watermark, String loadedAt) {
    }

    /** The answer to {@code POST /admin/reload}: the models now served, their generation (1 at start-up). */
    public record Reloaded(int generation, String loadedAt, List<ModelView> models) {
    }

    /**
     * A user's profile: the user metadata's attributes (empty without), how many ratings, the highest rated
     * first; each item's score is the user's rating.
     */
    public record UserView(String id, String model, List<String> attributes, int ratingCount, ScoreKind scoreKind,
            List<ItemView> topRated) {
    }

    /** A page of user ids. */
    public record UserList(int total, int offset, List<String> ids) {
    }

    /** Recommendations for a known ({@code user} set) or new user. */
    public record Recommendations(String model, String user, ScoreKind scoreKind, List<ItemView> items) {
    }

    /** Items similar to {@code item}. */
    public record SimilarItems(String model, ItemView item, ScoreKind scoreKind, List<ItemView> items) {
    }

    /** Title search results, most rated first after exact matches. */
    public record SearchResults(String query, int total, List<ItemView> items) {
    }

    /** One predicted score. */
    public record Prediction(String user, String item, float score) {
    }

    /** Predicted scores in request order. */
    public record Predictions(String model, ScoreKind scoreKind, List<Prediction> predictions) {
    }

    /** One point of the 2-D embedding map: an item, its genres and number of ratings, its place. */
    public record MapPoint(String id, String title, List<String> genres, int ratings, float x, float y) {
    }

    /**
     * The 2-D embedding map of a model's items.
     *
     * @param model the model whose item vectors were mapped
     * @param method {@code pca}, {@code tsne} or {@code file} (the deprecated {@code --map} CSV)
     * @param description how the map was made, for people
     * @param total number of points
     */
    public record EmbeddingMapView(String model, String method, String description, int total, List<MapPoint> points) {
    }

    /**
     * The answer to {@code POST /interactions}: the batch's key and how many interactions it stored.
     * A retried batch gets the same body; {@code replayed} (not sent: the
     * {@code Idempotent-Replayed: true} header says it) tells that nothing was written this time.
     */
    public record Ingested(String idempotencyKey, long stored, @JsonIgnore boolean replayed) {
    }

    /** One stored interaction of a user; {@code time} as an ISO-8601 instant. */
    public record InteractionView(String item, Float rating, Float weight, String event, String time) {
    }

    /** A page of a user's stored interactions, in the order stored. */
    public record UserInteractions(String user, int total, int offset, List<InteractionView> interactions) {
    }

    /** The answer to {@code DELETE /users/{id}}: how many stored interactions were deleted. */
    public record Forgotten(String user, long forgotten) {
    }

    /** The answer to {@code POST /items}: how many item descriptions were stored. */
    public record Described(int stored) {
    }

    /** The body of every error response. */
    public record ErrorBody(int status, String error, String field, String value) {
    }

    /** The body of {@code /health}. */
    public record Health(String status, int models) {
    }
}
