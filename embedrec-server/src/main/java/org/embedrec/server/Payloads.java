package org.embedrec.server;

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

    /** A served model. */
    public record ModelView(String name, String kind, int dimensions, int users, int items, String dataFingerprint,
            Map<String, Double> metrics, boolean history, boolean foldIn, boolean embeddings, boolean isDefault) {
    }

    /** A user's profile: how many ratings, the highest rated first. */
    public record UserView(String id, String model, int ratingCount, List<ItemView> topRated) {
    }

    /** A page of user ids. */
    public record UserList(int total, int offset, List<String> ids) {
    }

    /** Recommendations for a known ({@code user} set) or new user. */
    public record Recommendations(String model, String user, List<ItemView> items) {
    }

    /** Items similar to {@code item}. */
    public record SimilarItems(String model, ItemView item, List<ItemView> items) {
    }

    /** Title search results, most rated first after exact matches. */
    public record SearchResults(String query, int total, List<ItemView> items) {
    }

    /** One predicted score. */
    public record Prediction(String user, String item, float score) {
    }

    /** Predicted scores in request order. */
    public record Predictions(String model, List<Prediction> predictions) {
    }

    /** One point of the 2-D embedding map. */
    public record MapPoint(String id, String title, float x, float y) {
    }

    /** The 2-D embedding map. */
    public record EmbeddingMapView(int total, List<MapPoint> points) {
    }

    /** The body of every error response. */
    public record ErrorBody(int status, String error, String field, String value) {
    }

    /** The body of {@code /health}. */
    public record Health(String status, int models) {
    }
}
