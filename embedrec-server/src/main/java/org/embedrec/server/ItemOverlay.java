package org.embedrec.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.RatingScale;
import org.embedrec.model.ItemFoldInRecommender;
import org.embedrec.model.ItemFoldInRecommender.LatentItem;
import org.embedrec.model.ItemFoldInRecommender.LatentUser;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;
import org.embedrec.model.Vectors;
import org.embedrec.server.live.Interaction;
import org.embedrec.server.live.InteractionStore;
import org.embedrec.server.live.ItemMetadata;

/**
 * The items a served model has no trained vector for, placed beside its trained items from the
 * stored interactions and the described metadata, without changing the model: "new items" of the
 * live updates. Only for models that fold in items ({@link ItemFoldInRecommender}: iALS, ALS-WR and
 * matrix factorization); for the others new items are stored and wait for a retrain.
 *
 * <p>An item's vector, recomputed whenever its interactions or its description change:
 *
 * <ul>
 *   <li>with interactions from users the model was trained with: the model's item solve
 *       ({@link ItemFoldInRecommender#foldInItem}) over those users, each with their latest
 *       interaction with the item (a rating snapped onto the model's scale, an implicit one as a
 *       like). Users the model does not know are left out of the solve (their own vector is a
 *       fold-in from their few interactions), though they count in the item's popularity;
 *   <li>otherwise, from its described genres (cold start): the mean, over those of its genres the
 *       model's catalog knows, of the mean trained parameters (vector and bias) of the trained items
 *       of that genre;
 *   <li>otherwise none: the item is known (its metadata is shown) but never listed.
 * </ul>
 *
 * <p>Overlay items are numbered after the model's items ({@code model items + slot}), in the order
 * they first appeared, and a slot never changes while the overlay lives. The overlay is built from
 * the store and the metadata when the server starts (so it survives a restart) and kept current by
 * the service after every ingest, forget and description. Readers see an immutable
 * {@link Snapshot}, replaced as a whole after every change; changes are serialized.
 */
final class ItemOverlay {
    private final ItemFoldInRecommender model;
    private final int base;
    /** Per catalog genre: the mean trained parameters of its trained items, or null for a genre without any. */
    private final LatentItem[] genreMeans;
    /** New item id → user id → that user's latest interaction with it. */
    private final Map<String, Map<String, Rated>> raters = new HashMap<>();
    private final Map<String, ItemMetadata> metadata = new HashMap<>();
    /** The slot of every item that ever appeared, in order. */
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private volatile Snapshot snapshot;

    /** A user's latest value for an item and when they gave it. */
    private record Rated(float rating, long timeMillis) {
    }

    /**
     * One overlay item.
     *
     * @param genres the described genre names, or the catalog's for an untrained catalog item
     * @param genreIndices the genres the model's catalog knows, as its indices
     * @param latent its parameters, or null when it has none (no usable interactions, no known genre)
     * @param unit {@code latent}'s vector scaled to length 1 (zero stays zero), or null
     * @param popularity how many users have stored interactions with it
     */
    record Entry(String id, String title, Integer year, List<String> genres, int[] genreIndices, LatentItem latent,
            float[] unit, int popularity) {
    }

    /**
     * An immutable view of the overlay: its items by slot and by id, and their parameters packed in
     * one table, so that ranking them reads memory in order.
     */
    static final class Snapshot {
        /** No overlay items. */
        static final Snapshot EMPTY = new Snapshot(0, 0, List.of(), Map.of());

        private final int base;
        private final int dim;
        private final List<Entry> entries;
        private final Map<String, Integer> slots;
        /** Per slot, row-major: the item's factors (zero for an item without parameters). */
        private final float[] factors;
        /** Per slot: the item's bias. */
        private final float[] biases;
        /** Per slot: whether the item has parameters. */
        private final boolean[] placed;
        /** Per slot: the item's popularity. */
        private final int[] popularity;

        private Snapshot(int base, int dim, List<Entry> entries, Map<String, Integer> slots) {
            this.base = base;
            this.dim = dim;
            this.entries = List.copyOf(entries);
            this.slots = Map.copyOf(slots);
            this.factors = new float[entries.size() * dim];
            this.biases = new float[entries.size()];
            this.placed = new boolean[entries.size()];
            this.popularity = new int[entries.size()];
            for (int slot = 0; slot < entries.size(); slot++) {
                LatentItem latent = entries.get(slot).latent();
                popularity[slot] = entries.get(slot).popularity();
                placed[slot] = latent != null;
                if (latent != null) {
                    System.arraycopy(latent.factors(), 0, factors, slot * dim, dim);
                    biases[slot] = latent.bias();
                }
            }
        }

        /** The item index of overlay item {@code id} (after the model's items), or -1. */
        int index(String id) {
            Integer slot = slots.get(id);
            return slot == null ? -1 : base + slot;
        }

        /** Whether {@code item} is an overlay index. */
        boolean contains(int item) {
            return item >= base && item < base + entries.size();
        }

        /** The overlay item at index {@code item}. */
        Entry entry(int item) {
            return entries.get(item - base);
        }

        /** The number of overlay items, with or without parameters. */
        int size() {
            return entries.size();
        }
    }

    private ItemOverlay(ItemFoldInRecommender model) {
        this.model = model;
        this.base = model.items().size();
        this.genreMeans = genreMeans(model);
        this.snapshot = Snapshot.EMPTY;
    }

    /** The overlay of {@code model} from every interaction in {@code store} and every description in {@code described}. */
    static ItemOverlay build(ItemFoldInRecommender model, InteractionStore store, List<ItemMetadata> described)
            throws IOException {
        ItemOverlay overlay = new ItemOverlay(model);
        for (ItemMetadata item : described) {
            if (overlay.isNew(item.id())) {
                overlay.metadata.put(item.id(), item);
                overlay.slot(item.id());
            }
        }
        for (String user : store.users()) {
            overlay.record(store.interactions(user));
        }
        overlay.refresh(overlay.slots.keySet());
        return overlay;
    }

    /** The current view; never null. */
    Snapshot snapshot() {
        return snapshot;
    }

    /** Takes stored {@code interactions} in, re-solving the new items among them. */
    synchronized void add(Collection<Interaction> interactions) {
        refresh(record(interactions));
    }

    /** Takes {@code user}'s interactions out, re-solving the items they had. */
    synchronized void forget(String user) {
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, Rated>> item : raters.entrySet()) {
            if (item.getValue().remove(user) != null) {
                changed.add(item.getKey());
            }
        }
        refresh(changed);
    }

    /** Takes descriptions in (a later one of an id replaces the earlier one); trained items are ignored. */
    synchronized void describe(Collection<ItemMetadata> described) {
        Set<String> changed = new LinkedHashSet<>();
        for (ItemMetadata item : described) {
            if (isNew(item.id())) {
                metadata.put(item.id(), item);
                slot(item.id());
                changed.add(item.id());
            }
        }
        refresh(changed);
    }

    /**
     * The overlay items with parameters that pass {@code listing}'s filters, scored for {@code user}
     * on the model's prediction scale, best first (ties by slot), at most {@code listing.n()}; the
     * items in {@code seen} are left out when the listing excludes seen items.
     */
    List<ScoredItem> recommend(Snapshot view, LatentUser user, Listing listing, Set<String> seen) {
        // Ranked by p · q + b, which the model's score never decreases in (ItemFoldInRecommender); only the
        // selected items get the score itself.
        float[] ranking = new float[view.entries.size()];
        float[] factors = user.factors();
        for (int slot = 0; slot < ranking.length; slot++) {
            boolean listed = view.placed[slot] && view.popularity[slot] >= listing.minRatings();
            ranking[slot] = listed ? Vectors.dot(factors, 0, view.factors, slot * view.dim, view.dim) + view.biases[slot]
                    : Float.NaN;
        }
        if (listing.genres() != null) {
            for (int slot = 0; slot < ranking.length; slot++) {
                if (!hasGenre(view.entries.get(slot), listing.genres())) {
                    ranking[slot] = Float.NaN;
                }
            }
        }
        if (listing.excludeSeen()) {
            for (String id : seen) {
                Integer slot = view.slots.get(id);
                if (slot != null) {
                    ranking[slot] = Float.NaN;
                }
            }
        }
        List<ScoredItem> top = TopN.select(ranking, listing.n());
        List<ScoredItem> scored = new ArrayList<>(top.size());
        for (ScoredItem selected : top) {
            scored.add(new ScoredItem(view.base + selected.item(),
                    model.score(user, view.entries.get(selected.item()).latent())));
        }
        return scored;
    }

    /**
     * The overlay items with parameters most similar to the unit vector {@code unit} by cosine, best
     * first, at most {@code n}, leaving out index {@code self} and items with fewer than
     * {@code minRatings} users.
     */
    static List<ScoredItem> similar(Snapshot view, float[] unit, int self, int n, int minRatings) {
        float[] similarity = new float[view.entries.size()];
        for (int slot = 0; slot < similarity.length; slot++) {
            Entry entry = view.entries.get(slot);
            boolean listed = entry.unit() != null && view.base + slot != self && entry.popularity() >= minRatings;
            similarity[slot] = listed ? Vectors.dot(unit, 0, entry.unit(), 0, unit.length) : Float.NaN;
        }
        return inOverlay(view, TopN.select(similarity, n));
    }

    /** {@code a} and {@code b} merged, best first (ties: {@code a}'s first, then by index), at most {@code n}. */
    static List<ScoredItem> merge(List<ScoredItem> a, List<ScoredItem> b, int n) {
        if (b.isEmpty()) {
            return a;
        }
        List<ScoredItem> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.comparingDouble((ScoredItem scored) -> -scored.score()));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** {@code bySlot}, selected by slot, with overlay item indices. */
    private static List<ScoredItem> inOverlay(Snapshot view, List<ScoredItem> bySlot) {
        List<ScoredItem> items = new ArrayList<>(bySlot.size());
        for (ScoredItem scored : bySlot) {
            items.add(new ScoredItem(view.base + scored.item(), scored.score()));
        }
        return items;
    }

    private static boolean hasGenre(Entry entry, int[] wanted) {
        for (int genre : entry.genreIndices()) {
            for (int one : wanted) {
                if (genre == one) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the model has no trained vector for {@code id}. */
    private boolean isNew(String id) {
        int item = model.items().tryIndex(id);
        return item < 0 || !model.isKnownItem(item);
    }

    private int slot(String id) {
        return slots.computeIfAbsent(id, key -> slots.size());
    }

    /** Records the interactions with new items, the latest per user and item; returns the items touched. */
    private Set<String> record(Collection<Interaction> interactions) {
        RatingScale scale = model.ratingScale();
        Set<String> touched = new LinkedHashSet<>();
        for (Interaction interaction : interactions) {
            if (!isNew(interaction.item())) {
                continue;
            }
            float rating = RecommendationService.snap(interaction.isRating() ? interaction.rating() : model.likedRating(),
                    scale);
            Map<String, Rated> users = raters.computeIfAbsent(interaction.item(), key -> new LinkedHashMap<>());
            Rated earlier = users.get(interaction.user());
            // Ties in time keep the later record, as the user fold-in does.
            if (earlier == null || earlier.timeMillis() <= interaction.timeMillis()) {
                users.put(interaction.user(), new Rated(rating, interaction.timeMillis()));
            }
            slot(interaction.item());
            touched.add(interaction.item());
        }
        return touched;
    }

    /** Recomputes the entries of {@code changed} and publishes a new snapshot. */
    private void refresh(Collection<String> changed) {
        if (changed.isEmpty()) {
            return;
        }
        // In slot order: every new slot is among the changed, so each new one comes next in the list.
        for (String id : changed.stream().sorted(Comparator.comparing(slots::get)).toList()) {
            int slot = slots.get(id);
            Entry entry = entry(id);
            if (slot < entries.size()) {
                entries.set(slot, entry);
            } else if (slot == entries.size()) {
                entries.add(entry);
            } else {
                throw new IllegalStateException("overlay slot " + slot + " of item '" + id + "' was never filled");
            }
        }
        snapshot = new Snapshot(base, model.dimensions(), entries, slots);
    }

    private Entry entry(String id) {
        Map<String, Rated> users = raters.getOrDefault(id, Map.of());
        int[] known = new int[users.size()];
        float[] ratings = new float[users.size()];
        int count = 0;
        for (Map.Entry<String, Rated> rater : users.entrySet()) {
            int user = model.users().tryIndex(rater.getKey());
            if (user >= 0) {
                known[count] = user;
                ratings[count++] = rater.getValue().rating();
            }
        }
        ItemMetadata described = metadata.get(id);
        int catalogIndex = model.items().tryIndex(id);
        ItemCatalog catalog = model.catalog();
        String title = described != null && described.title() != null ? described.title()
                : catalogIndex >= 0 ? catalog.title(catalogIndex) : null;
        Integer year = described != null && described.year() != null ? described.year()
                : catalogIndex >= 0 && catalog.year(catalogIndex) != ItemCatalog.UNKNOWN_YEAR ? catalog.year(catalogIndex)
                : null;
        List<String> genres = described != null ? described.genres()
                : catalogIndex >= 0 ? catalog.genres(catalogIndex) : List.of();
        int[] genreIndices = genreIndices(catalog, genres);
        LatentItem latent = count > 0 ? model.foldInItem(Arrays.copyOf(known, count), Arrays.copyOf(ratings, count))
                : fromGenres(genreIndices);
        float[] unit = latent == null ? null : unit(latent.factors());
        return new Entry(id, title, year, genres, genreIndices, latent, unit, users.size());
    }

    /** The catalog indices of the names in {@code genres} it knows (case-insensitively), each once. */
    private static int[] genreIndices(ItemCatalog catalog, List<String> genres) {
        List<String> names = catalog.genreNames();
        return genres.stream().mapToInt(genre -> {
            for (int g = 0; g < names.size(); g++) {
                if (names.get(g).equalsIgnoreCase(genre)) {
                    return g;
                }
            }
            return -1;
        }).filter(g -> g >= 0).distinct().toArray();
    }

    /** The mean of the genre means of {@code genres} that have trained items, or null if none has. */
    private LatentItem fromGenres(int[] genres) {
        int dim = model.dimensions();
        double[] sum = new double[dim];
        double bias = 0;
        int count = 0;
        for (int genre : genres) {
            LatentItem mean = genreMeans[genre];
            if (mean != null) {
                for (int a = 0; a < dim; a++) {
                    sum[a] += mean.factors()[a];
                }
                bias += mean.bias();
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        float[] factors = new float[dim];
        for (int a = 0; a < dim; a++) {
            factors[a] = (float) (sum[a] / count);
        }
        return new LatentItem(factors, (float) (bias / count));
    }

    /** Per catalog genre, the mean parameters of the trained items of that genre (null for none). */
    private static LatentItem[] genreMeans(ItemFoldInRecommender model) {
        ItemCatalog catalog = model.catalog();
        int genres = catalog.genreNames().size();
        int dim = model.dimensions();
        double[][] sums = new double[genres][dim];
        double[] biases = new double[genres];
        int[] counts = new int[genres];
        for (int item = 0; item < catalog.size(); item++) {
            if (!model.isKnownItem(item)) {
                continue;
            }
            LatentItem latent = null;
            for (int genre : catalog.genreIndices(item)) {
                latent = latent == null ? model.latentItem(item) : latent;
                for (int a = 0; a < dim; a++) {
                    sums[genre][a] += latent.factors()[a];
                }
                biases[genre] += latent.bias();
                counts[genre]++;
            }
        }
        LatentItem[] means = new LatentItem[genres];
        for (int genre = 0; genre < genres; genre++) {
            if (counts[genre] > 0) {
                float[] mean = new float[dim];
                for (int a = 0; a < dim; a++) {
                    mean[a] = (float) (sums[genre][a] / counts[genre]);
                }
                means[genre] = new LatentItem(mean, (float) (biases[genre] / counts[genre]));
            }
        }
        return means;
    }

    /** {@code vector} scaled to length 1; the zero vector stays zero. */
    static float[] unit(float[] vector) {
        float norm = Vectors.norm(vector, 0, vector.length);
        float[] unit = vector.clone();
        if (norm > 0) {
            for (int a = 0; a < unit.length; a++) {
                unit[a] /= norm;
            }
        }
        return unit;
    }
}
