package org.embedrec.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.embedrec.data.RatingScale;
import org.embedrec.server.live.Batch;
import org.embedrec.server.live.Interaction;
import org.embedrec.server.live.ItemMetadata;

/**
 * Reads request parameters and JSON bodies into checked values. Every problem is a 400
 * {@link ApiException} naming the field (JSON paths such as {@code ratings[2].rating}) and the
 * offending value; nothing here trusts the client.
 */
final class Requests {
    private final ObjectMapper mapper;
    private final ServerOptions options;

    Requests(ObjectMapper mapper, ServerOptions options) {
        this.mapper = mapper;
        this.options = options;
    }

    /** A (user, item) batch for {@code POST /predict}. */
    record Pairs(List<String> users, List<String> items) {
    }

    /** A new user's profile for {@code POST /recommendations}: items (external ids) and ratings. */
    record NewUser(List<String> items, float[] ratings, Listing listing) {
    }

    /** Integer query parameter {@code name} in [min, max], or {@code fallback} when absent. */
    static int intParam(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badField(name, name + " must be an integer in [" + min + ", " + max + "], got '"
                + abbreviate(value) + "'");
    }

    /** Boolean query parameter {@code name}: true/false, or {@code fallback} when absent. */
    static boolean booleanParam(String name, String value, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badField(name, name + " must be true or false, got '" + abbreviate(value) + "'");
        };
    }

    /** A listing from query parameters {@code n, exclude_seen, genres, min_ratings, explain}. */
    Listing listing(ServedModel served, String n, String excludeSeen, String genres, String minRatings, String explain) {
        List<String> genreNames = genres == null ? null : splitList(genres);
        return new Listing(intParam("n", n, 10, 1, options.maxResults()), booleanParam("exclude_seen", excludeSeen, true),
                genreIndices(served, genreNames), intParam("min_ratings", minRatings, 0, 0, Integer.MAX_VALUE),
                booleanParam("explain", explain, false));
    }

    /** The {@code POST /predict} body {@code {"pairs": [{"user": .., "item": ..}, ..]}}. */
    Pairs pairs(String body) {
        JsonNode root = parse(body);
        JsonNode pairs = root.path("pairs");
        if (!pairs.isArray() || pairs.isEmpty()) {
            throw ApiException.badField("pairs", "pairs must be a non-empty array of {\"user\": id, \"item\": id}");
        }
        checkBatch("pairs", pairs.size());
        List<String> users = new ArrayList<>(pairs.size());
        List<String> items = new ArrayList<>(pairs.size());
        for (int k = 0; k < pairs.size(); k++) {
            users.add(id(pairs.get(k), "pairs[" + k + "]", "user"));
            items.add(id(pairs.get(k), "pairs[" + k + "]", "item"));
        }
        return new Pairs(users, items);
    }

    /**
     * The {@code POST /recommendations} body: {@code ratings} ({@code [{"item": id, "rating": r}]})
     * and/or {@code liked} ({@code [id, ..]}, each standing for {@code likedRating}), plus the
     * listing fields {@code n, genres, min_ratings, explain}.
     */
    NewUser newUser(String body, ServedModel served, RecommendationService service) {
        JsonNode root = parse(body);
        List<String> items = new ArrayList<>();
        List<Float> ratings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonNode rated = root.path("ratings");
        if (!rated.isMissingNode() && !rated.isArray()) {
            throw ApiException.badField("ratings", "ratings must be an array of {\"item\": id, \"rating\": number}");
        }
        RatingScale scale = rated.size() > 0 ? service.ratingScale(served) : null;
        for (int k = 0; k < rated.size(); k++) {
            String field = "ratings[" + k + "]";
            String item = id(rated.get(k), field, "item");
            JsonNode rating = rated.get(k).path("rating");
            if (!rating.isNumber()) {
                throw ApiException.badField(field + ".rating", field + ".rating must be a number, got "
                        + abbreviate(rating.toString()));
            }
            String problem = scale.problem(rating.asDouble());
            if (problem != null) {
                throw ApiException.badField(field + ".rating", field + ".rating " + problem
                        + " (the range of the model's training ratings), got " + abbreviate(rating.toString()));
            }
            add(items, ratings, seen, item, (float) rating.asDouble(), field + ".item", served);
        }
        JsonNode liked = root.path("liked");
        if (!liked.isMissingNode() && !liked.isArray()) {
            throw ApiException.badField("liked", "liked must be an array of item ids");
        }
        if (liked.size() > 0) {
            float likedRating = service.likedRating(served);
            for (int k = 0; k < liked.size(); k++) {
                add(items, ratings, seen, idValue(liked.get(k), "liked[" + k + "]"), likedRating, "liked[" + k + "]",
                        served);
            }
        }
        if (items.isEmpty()) {
            throw ApiException.badField("ratings", "give at least one rated item in ratings or liked");
        }
        checkBatch("ratings", items.size());
        float[] values = new float[ratings.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = ratings.get(k);
        }
        JsonNode genres = root.path("genres");
        List<String> genreNames = null;
        if (!genres.isMissingNode() && !genres.isNull()) {
            if (!genres.isArray()) {
                throw ApiException.badField("genres", "genres must be an array of genre names");
            }
            genreNames = new ArrayList<>();
            for (JsonNode genre : genres) {
                genreNames.add(genre.asText());
            }
        }
        Listing listing = new Listing(intField(root, "n", 10, 1, options.maxResults()), true,
                genreIndices(served, genreNames), intField(root, "min_ratings", 0, 0, Integer.MAX_VALUE),
                booleanField(root, "explain", false));
        return new NewUser(items, values, listing);
    }

    /** The fields an interaction of {@code POST /interactions} may have. */
    static final Set<String> INTERACTION_FIELDS = Set.of("user", "item", "rating", "weight", "event", "time");
    /** The largest epoch-seconds {@code time} accepted: the year 3000. */
    private static final long MAX_EPOCH_SECONDS = 32_503_680_000L;

    /**
     * The {@code POST /interactions} body {@code {"idempotency_key": k, "interactions": [{"user", "item",
     * "rating" | "weight", "event", "time"}, ..]}}. A rating must be on {@code scale} (null: any finite
     * number); {@code time} is epoch seconds or an ISO-8601 instant, {@code nowMillis} when absent. The
     * batch's fingerprint is the SHA-256 of the interactions as sent (before the time is filled in), so
     * a retry that sends the same batch matches it whenever it comes.
     */
    Batch interactions(String body, RatingScale scale, long nowMillis) {
        JsonNode root = parse(body);
        rejectUnknownFields(root, null, Set.of("idempotency_key", "interactions"));
        JsonNode key = root.path("idempotency_key");
        if (!key.isTextual() || key.asText().isBlank() || key.asText().length() > Batch.MAX_KEY_CHARS) {
            throw ApiException.badField("idempotency_key", "idempotency_key must be a string of 1 to "
                    + Batch.MAX_KEY_CHARS + " characters, unique per batch and sent again with a retried batch, got "
                    + (key.isMissingNode() ? "nothing" : abbreviate(key.toString())));
        }
        JsonNode records = root.path("interactions");
        if (!records.isArray() || records.isEmpty()) {
            throw ApiException.badField("interactions", "interactions must be a non-empty array of {\"user\": id,"
                    + " \"item\": id, \"rating\": number or \"weight\": number, \"event\": type, \"time\": time}");
        }
        checkBatch("interactions", records.size());
        List<Interaction> interactions = new ArrayList<>(records.size());
        for (int k = 0; k < records.size(); k++) {
            interactions.add(interaction(records.get(k), "interactions[" + k + "]", scale, nowMillis));
        }
        return new Batch(key.asText(), sha256(records.toString()), interactions);
    }

    private static Interaction interaction(JsonNode record, String field, RatingScale scale, long nowMillis) {
        if (!record.isObject()) {
            throw ApiException.badField(field, field + " must be an object with \"user\" and \"item\", got "
                    + abbreviate(record.toString()));
        }
        rejectUnknownFields(record, field, INTERACTION_FIELDS);
        String user = boundedId(record, field, "user");
        String item = boundedId(record, field, "item");
        Float rating = optionalNumber(record, field, "rating");
        if (rating != null && scale != null && scale.problem(rating) != null) {
            throw ApiException.badField(field + ".rating", field + ".rating " + scale.problem(rating)
                    + " (the range of the default model's training ratings), got " + abbreviate(record.get("rating").toString()));
        }
        Float weight = optionalNumber(record, field, "weight");
        if (weight != null && !(weight > 0)) {
            throw ApiException.badField(field + ".weight", field + ".weight must be > 0, got "
                    + abbreviate(record.get("weight").toString()));
        }
        if (rating != null && weight != null) {
            throw ApiException.badField(field + ".weight", field + " has both a rating and a weight; give one (a rating"
                    + " for explicit feedback, a weight for implicit)");
        }
        String event = null;
        JsonNode eventNode = record.path("event");
        if (!eventNode.isMissingNode() && !eventNode.isNull()) {
            if (!eventNode.isTextual() || eventNode.asText().isBlank() || eventNode.asText().length() > Interaction.MAX_ID_CHARS) {
                throw ApiException.badField(field + ".event", field + ".event must be a string of 1 to "
                        + Interaction.MAX_ID_CHARS + " characters (an event type such as view), got "
                        + abbreviate(eventNode.toString()));
            }
            event = eventNode.asText();
        }
        return new Interaction(user, item, rating, weight, event, timeMillis(record.path("time"), field + ".time", nowMillis));
    }

    /** The fields an item of {@code POST /items} may have. */
    static final Set<String> ITEM_FIELDS = Set.of("id", "title", "year", "genres");

    /**
     * The {@code POST /items} body {@code {"items": [{"id", "title", "year", "genres": [names]}, ..]}}:
     * descriptions of items, each id once; only {@code id} is required.
     */
    List<ItemMetadata> items(String body) {
        JsonNode root = parse(body);
        rejectUnknownFields(root, null, Set.of("items"));
        JsonNode records = root.path("items");
        if (!records.isArray() || records.isEmpty()) {
            throw ApiException.badField("items", "items must be a non-empty array of {\"id\": id, \"title\": text,"
                    + " \"year\": number, \"genres\": [names]}");
        }
        checkBatch("items", records.size());
        List<ItemMetadata> items = new ArrayList<>(records.size());
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < records.size(); k++) {
            String field = "items[" + k + "]";
            JsonNode record = records.get(k);
            if (!record.isObject()) {
                throw ApiException.badField(field, field + " must be an object with an \"id\", got "
                        + abbreviate(record.toString()));
            }
            rejectUnknownFields(record, field, ITEM_FIELDS);
            String id = boundedId(record, field, "id");
            if (!seen.add(id)) {
                throw ApiException.badField(field + ".id", "item '" + abbreviate(id) + "' appears more than once");
            }
            JsonNode title = record.path("title");
            if (!title.isMissingNode() && !title.isNull() && (!title.isTextual()
                    || title.asText().length() > ItemMetadata.MAX_TITLE_CHARS)) {
                throw ApiException.badField(field + ".title", field + ".title must be a string of at most "
                        + ItemMetadata.MAX_TITLE_CHARS + " characters, got " + abbreviate(title.toString()));
            }
            JsonNode year = record.path("year");
            if (!year.isMissingNode() && !year.isNull() && !(year.isIntegralNumber() && year.canConvertToInt())) {
                throw ApiException.badField(field + ".year", field + ".year must be an integer, got "
                        + abbreviate(year.toString()));
            }
            List<String> genres = new ArrayList<>();
            JsonNode genreList = record.path("genres");
            if (!genreList.isMissingNode() && !genreList.isNull()) {
                if (!genreList.isArray() || genreList.size() > ItemMetadata.MAX_GENRES) {
                    throw ApiException.badField(field + ".genres", field + ".genres must be an array of at most "
                            + ItemMetadata.MAX_GENRES + " genre names, got " + abbreviate(genreList.toString()));
                }
                for (int g = 0; g < genreList.size(); g++) {
                    JsonNode genre = genreList.get(g);
                    if (!genre.isTextual() || genre.asText().isBlank() || genre.asText().length() > Interaction.MAX_ID_CHARS) {
                        throw ApiException.badField(field + ".genres[" + g + "]", field + ".genres[" + g + "] must be a"
                                + " name of 1 to " + Interaction.MAX_ID_CHARS + " characters, got "
                                + abbreviate(genre.toString()));
                    }
                    genres.add(genre.asText().strip());
                }
            }
            items.add(new ItemMetadata(id, title.isTextual() ? title.asText() : null,
                    year.isIntegralNumber() ? year.asInt() : null, genres));
        }
        return items;
    }

    private static String boundedId(JsonNode record, String field, String name) {
        String id = id(record, field, name);
        if (id.length() > Interaction.MAX_ID_CHARS) {
            throw ApiException.badField(field + "." + name, field + "." + name + " is " + id.length()
                    + " characters long; at most " + Interaction.MAX_ID_CHARS + " are accepted");
        }
        return id;
    }

    private static Float optionalNumber(JsonNode record, String field, String name) {
        JsonNode node = record.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !Float.isFinite((float) node.asDouble())) {
            throw ApiException.badField(field + "." + name, field + "." + name + " must be a finite number, got "
                    + abbreviate(node.toString()));
        }
        return (float) node.asDouble();
    }

    /** Epoch seconds (an integer) or an ISO-8601 instant ({@code 2024-05-01T10:02:00Z}); {@code now} when absent. */
    private static long timeMillis(JsonNode node, String field, long nowMillis) {
        if (node.isMissingNode() || node.isNull()) {
            return nowMillis;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0 && node.asLong() <= MAX_EPOCH_SECONDS) {
            return node.asLong() * 1000;
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                // reported below
            }
        }
        throw ApiException.badField(field, field + " must be epoch seconds (an integer >= 0) or an ISO-8601 instant such"
                + " as 2024-05-01T10:02:00Z, got " + abbreviate(node.toString()));
    }

    /** A 400 naming the first field of {@code object} not in {@code known} (a typo such as "ratng" is not ignored). */
    private static void rejectUnknownFields(JsonNode object, String path, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                String field = path == null ? name : path + "." + name;
                throw ApiException.badField(abbreviate(field), "unknown field " + abbreviate(field) + "; known: "
                        + new java.util.TreeSet<>(known));
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private void add(List<String> items, List<Float> ratings, Set<String> seen, String item, float rating, String field,
            ServedModel served) {
        // Checked here, where the field is known, so a 400 names ratings[k].item or liked[k].
        RecommendationService.trainedItemIndex(served, item, field);
        if (!seen.add(item)) {
            throw ApiException.badField(field, "item '" + abbreviate(item) + "' appears more than once");
        }
        items.add(item);
        ratings.add(rating);
    }

    private void checkBatch(String field, int size) {
        if (size > options.maxBatch()) {
            throw ApiException.badField(field, field + " has " + size + " entries; at most " + options.maxBatch()
                    + " are accepted per request");
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badField("body", "the request body must be a JSON object");
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw ApiException.badField("body", "the request body must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw ApiException.badField("body", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String id(JsonNode parent, String path, String name) {
        if (parent == null || !parent.isObject()) {
            throw ApiException.badField(path, path + " must be an object with \"" + name + "\"");
        }
        return idValue(parent.path(name), path + "." + name);
    }

    /** An id given as a JSON string or integer. */
    private static String idValue(JsonNode node, String field) {
        if (node.isTextual() && !node.asText().isBlank()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        throw ApiException.badField(field, field + " must be an id (string or integer), got "
                + (node.isMissingNode() ? "nothing" : abbreviate(node.toString())));
    }

    private static int intField(JsonNode root, String name, int fallback, int min, int max) {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.badField(name, name + " must be an integer in [" + min + ", " + max + "], got "
                    + abbreviate(node.toString()));
        }
        return node.asInt();
    }

    private static boolean booleanField(JsonNode root, String name, boolean fallback) {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ApiException.badField(name, name + " must be true or false, got " + abbreviate(node.toString()));
        }
        return node.asBoolean();
    }

    private static int[] genreIndices(ServedModel served, List<String> names) {
        if (names == null || names.isEmpty()) {
            return null;
        }
        List<String> known = served.model().catalog().genreNames();
        int[] indices = new int[names.size()];
        for (int k = 0; k < indices.length; k++) {
            String name = names.get(k);
            int index = -1;
            for (int g = 0; g < known.size() && index < 0; g++) {
                if (known.get(g).equalsIgnoreCase(name)) {
                    index = g;
                }
            }
            if (index < 0) {
                throw ApiException.badField("genres", "unknown genre '" + abbreviate(name) + "'; known: " + known);
            }
            indices[k] = index;
        }
        return indices;
    }

    private static List<String> splitList(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    /** Client text quoted in an error, cut short so an error cannot echo a huge body. */
    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
