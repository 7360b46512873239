package org.embedrec.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Generates a synthetic online store's interaction log with planted structure and writes it as
 * CSV files a generic loader reads:
 * <ul>
 *   <li>{@value #EVENTS_FILE}: {@value #EVENTS_HEADER}, one line per event, users in id order and
 *       each user's events in time order; {@code event} is {@code view}, {@code cart} or
 *       {@code purchase}; timestamps are seconds since 1970 within 2024;
 *   <li>{@value #ITEMS_FILE}: {@value #ITEMS_HEADER}; tags are joined by {@code |} (empty for none),
 *       titles quoted where they hold a comma or a quote;
 *   <li>{@value #USERS_FILE}: {@value #USERS_HEADER}, the planted favourite category of each user;
 *   <li>{@value #README_FILE}: says the data is synthetic and records the options.
 * </ul>
 *
 * <h2>The planted model</h2>
 * <ul>
 *   <li><b>Items</b> belong to one of {@code categories} store categories (drawn uniformly), have a
 *       Zipf-Mandelbrot popularity over a random rank order, a price band ({@code low} 50%,
 *       {@code mid} 35%, {@code high} 15%) with a price inside it (low 1-20, mid 20-100, high
 *       100-1000, log-uniform), and zero to two tags; {@code premium} is the tag of every high-band
 *       item and of no other.
 *   <li><b>Users</b> have a favourite category (uniform) and a heavy-tailed number of events (the
 *       log-normal activity of {@link SyntheticMovieLens}, at least {@code minEventsPerUser}).
 *   <li><b>Visits</b>: each visit views one item, from the favourite category with probability
 *       {@code favouriteShare} (by popularity within it) and otherwise from the whole catalog (by
 *       popularity), so a user's events concentrate on the favourite category. A view is followed by
 *       a cart of the same item with probability {@value #CART_AFTER_VIEW}, and a cart by a purchase
 *       with probability 0.6, 0.4 or 0.2 for a low, mid or high price band: every purchase follows a
 *       cart, every cart a view, and cheap items convert better.
 *   <li><b>Timestamps</b> strictly increase per user: a user starts at a uniform time in the first
 *       half of 2024, visits are separated by exponential gaps, carts come 10 s to 10 min after
 *       their view and purchases 30 s to 30 min after their cart.
 * </ul>
 * The last visit of a user is cut short when the user's event budget runs out, so the file has
 * exactly {@code events} lines.
 *
 * <p>Files are written in one streaming pass; memory depends on the catalog and the user count, not
 * on the number of events (no object per event), so ML-25M-sized logs are fine. The same options
 * (seed included) give byte-identical files with the same embedrec version.
 */
public final class SyntheticStoreEvents {
    /** File name of the events. */
    public static final String EVENTS_FILE = "events.csv";
    /** File name of the item catalogue. */
    public static final String ITEMS_FILE = "items.csv";
    /** File name of the user attributes. */
    public static final String USERS_FILE = "users.csv";
    /** File name of the description. */
    public static final String README_FILE = "README.txt";
    /** Header of {@value #EVENTS_FILE}. */
    public static final String EVENTS_HEADER = "user_id,item_id,event,timestamp";
    /** Header of {@value #ITEMS_FILE}. */
    public static final String ITEMS_HEADER = "item_id,title,category,price_band,price,tags";
    /** Header of {@value #USERS_FILE}. */
    public static final String USERS_HEADER = "user_id,favourite_category";
    /** The event types, in the order a visit goes through them. */
    public static final List<String> EVENT_TYPES = List.of("view", "cart", "purchase");
    /** Store categories; {@code Options.categories()} takes a prefix. */
    public static final List<String> CATEGORIES = List.of("Books", "Electronics", "Home", "Garden", "Toys",
            "Sports", "Beauty", "Grocery", "Fashion", "Music", "Games", "Outdoors");
    /** Price bands, cheapest first. */
    public static final List<String> PRICE_BANDS = List.of("low", "mid", "high");
    /** The tag every high-band item has and no other item has. */
    public static final String PREMIUM_TAG = "premium";
    /** Tags other than {@value #PREMIUM_TAG}; an item draws zero to two of them. */
    static final List<String> TAGS = List.of("new", "sale", "gift", "eco", "bestseller", "bundle", "imported");

    /** Probability that a view is followed by a cart of the same item. */
    public static final double CART_AFTER_VIEW = 0.3;
    /** Probability that a cart is followed by a purchase, per price band (cheap items convert better). */
    static final double[] PURCHASE_AFTER_CART = {0.6, 0.4, 0.2};
    private static final double[] PRICE_BAND_CUMULATIVE = {0.5, 0.85, 1.0};
    private static final double[] PRICE_BAND_LOW = {1, 20, 100};
    private static final double[] PRICE_BAND_HIGH = {20, 100, 1000};
    private static final double POPULARITY_EXPONENT = 1.1;
    private static final double TOP_WEIGHT = 0x1p32;
    /** 2024-01-01T00:00:00Z. */
    static final long START_SECONDS = 1_704_067_200L;
    static final long YEAR_SECONDS = 366L * 24 * 3600;
    /** A user's events may not exceed this many times the mean per user (keeps the heavy tail finite). */
    private static final int MAX_ACTIVITY_FACTOR = 100;
    private static final byte[][] EVENT_BYTES = {
            ",view,".getBytes(StandardCharsets.US_ASCII),
            ",cart,".getBytes(StandardCharsets.US_ASCII),
            ",purchase,".getBytes(StandardCharsets.US_ASCII)};

    /** File name of the PostgreSQL load script {@link #writePostgresScript} writes. */
    public static final String POSTGRES_SCRIPT_FILE = "load-postgres.sql";
    /**
     * PostgreSQL tables for the three files, in load order (items before the events that reference
     * them). {@code timestamp} is quoted because it is also a type name.
     */
    public static final List<String> POSTGRES_TABLES = List.of(
            "CREATE TABLE items (item_id BIGINT PRIMARY KEY, title TEXT NOT NULL, category TEXT NOT NULL,"
                    + " price_band TEXT NOT NULL, price NUMERIC(10, 2) NOT NULL, tags TEXT)",
            "CREATE TABLE users (user_id BIGINT PRIMARY KEY, favourite_category TEXT NOT NULL)",
            "CREATE TABLE events (user_id BIGINT NOT NULL REFERENCES users, item_id BIGINT NOT NULL REFERENCES items,"
                    + " event TEXT NOT NULL, \"timestamp\" BIGINT NOT NULL)");
    /** Table name and CSV file of each table in {@link #POSTGRES_TABLES}, in the same order. */
    public static final List<List<String>> POSTGRES_TABLE_FILES = List.of(
            List.of("items", ITEMS_FILE), List.of("users", USERS_FILE), List.of("events", EVENTS_FILE));

    private final Options options;

    /** A generator for the given options. */
    public SyntheticStoreEvents(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options this generator uses. */
    public Options options() {
        return options;
    }

    /** Generates the files into {@code directory}; see {@link #generate(Path, LongConsumer)}. */
    public Summary generate(Path directory) throws IOException {
        return generate(directory, written -> { });
    }

    /**
     * Generates the files into {@code directory} (created if needed; files of the same names are
     * replaced).
     *
     * @param progress told the number of events written so far, every 65,536 events or so and once
     *     at the end with the total
     * @return what was written
     */
    public Summary generate(Path directory, LongConsumer progress) throws IOException {
        Objects.requireNonNull(progress, "progress");
        Files.createDirectories(directory);
        SplittableRandom root = new SplittableRandom(options.seed());
        Catalog catalog = Catalog.generate(options, root.split());
        writeItems(directory.resolve(ITEMS_FILE), catalog);
        SplittableRandom userRandom = root.split();
        int[] favourites = new int[options.users()];
        for (int u = 0; u < favourites.length; u++) {
            favourites[u] = userRandom.nextInt(options.categories());
        }
        writeUsers(directory.resolve(USERS_FILE), favourites);
        int meanPerUser = (int) Math.min(Integer.MAX_VALUE / MAX_ACTIVITY_FACTOR,
                (options.events() + options.users() - 1) / options.users());
        int[] counts = UserActivity.counts(options.users(), options.events(), options.minEventsPerUser(),
                Math.max(options.minEventsPerUser(), MAX_ACTIVITY_FACTOR * meanPerUser), root.split());
        long[] perType = new long[EVENT_TYPES.size()];
        try (AsciiLineWriter out = new AsciiLineWriter(Files.newOutputStream(directory.resolve(EVENTS_FILE)))) {
            out.text(EVENTS_HEADER + "\n");
            long written = 0;
            long reported = 0;
            for (int u = 0; u < counts.length; u++) {
                // A split stream per user keeps each user's draws independent of how the others went.
                writeUser(u + 1, favourites[u], counts[u], catalog, userRandom.split(), out, perType);
                written += counts[u];
                if (written - reported >= SyntheticMovieLens.PROGRESS_INTERVAL) {
                    reported = written;
                    progress.accept(written);
                }
            }
        }
        progress.accept(options.events());
        Files.writeString(directory.resolve(README_FILE), readme(), StandardCharsets.UTF_8);
        return new Summary(directory, options.users(), options.items(), options.events(), perType[0], perType[1],
                perType[2]);
    }

    /**
     * Writes {@value #POSTGRES_SCRIPT_FILE} into {@code directory}: a psql script that creates the
     * tables of {@link #POSTGRES_TABLES} and loads the CSV files beside it with {@code \copy}. Run it
     * from that folder: {@code psql -v ON_ERROR_STOP=1 -f load-postgres.sql}.
     */
    public static Path writePostgresScript(Path directory) throws IOException {
        StringBuilder script = new StringBuilder("""
                -- Loads embedrec's synthetic store log into PostgreSQL. Run it from this folder:
                --   psql -v ON_ERROR_STOP=1 -f load-postgres.sql
                BEGIN;
                """);
        for (String table : POSTGRES_TABLES) {
            script.append(table).append(";\n");
        }
        for (List<String> tableFile : POSTGRES_TABLE_FILES) {
            script.append("\\copy ").append(tableFile.get(0)).append(" FROM '").append(tableFile.get(1))
                    .append("' WITH (FORMAT csv, HEADER true)\n");
        }
        script.append("CREATE INDEX events_user_time ON events (user_id, \"timestamp\");\nCOMMIT;\n");
        return Files.writeString(directory.resolve(POSTGRES_SCRIPT_FILE), script, StandardCharsets.UTF_8);
    }

    private void writeUser(int userId, int favourite, int budget, Catalog catalog, SplittableRandom random,
                           AsciiLineWriter out, long[] perType) throws IOException {
        long time = START_SECONDS + random.nextLong(YEAR_SECONDS / 2);
        double meanGap = YEAR_SECONDS / 2.0 / budget;
        int left = budget;
        while (left > 0) {
            time += 1 + (long) (-meanGap * StrictMath.log(1 - random.nextDouble()));
            int item = random.nextDouble() < options.favouriteShare()
                    ? catalog.drawFromCategory(favourite, random) : catalog.draw(random);
            writeEvent(out, userId, catalog.itemIds[item], 0, time, perType);
            if (--left == 0 || random.nextDouble() >= CART_AFTER_VIEW) {
                continue;
            }
            time += 10 + random.nextInt(591);
            writeEvent(out, userId, catalog.itemIds[item], 1, time, perType);
            if (--left == 0 || random.nextDouble() >= PURCHASE_AFTER_CART[catalog.priceBand[item]]) {
                continue;
            }
            time += 30 + random.nextInt(1771);
            writeEvent(out, userId, catalog.itemIds[item], 2, time, perType);
            left--;
        }
    }

    private static void writeEvent(AsciiLineWriter out, int userId, int itemId, int type, long time, long[] perType)
            throws IOException {
        out.decimal(userId).character(',').decimal(itemId).bytes(EVENT_BYTES[type]).decimal(time).character('\n');
        perType[type]++;
    }

    private static void writeItems(Path file, Catalog catalog) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(ITEMS_HEADER + "\n");
            for (int item = 0; item < catalog.itemIds.length; item++) {
                out.write(Integer.toString(catalog.itemIds[item]));
                out.write(',');
                out.write(SyntheticMovieLens.csvField(catalog.titles[item]));
                out.write(',');
                out.write(CATEGORIES.get(catalog.category[item]));
                out.write(',');
                out.write(PRICE_BANDS.get(catalog.priceBand[item]));
                out.write(',');
                out.write(String.format(Locale.ROOT, "%.2f", catalog.price[item]));
                out.write(',');
                out.write(catalog.tags[item]);
                out.write('\n');
            }
        }
    }

    private static void writeUsers(Path file, int[] favourites) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(USERS_HEADER + "\n");
            for (int u = 0; u < favourites.length; u++) {
                out.write(Integer.toString(u + 1));
                out.write(',');
                out.write(CATEGORIES.get(favourites[u]));
                out.write('\n');
            }
        }
    }

    private String readme() {
        return """
                Synthetic store event log
                =========================

                These events are NOT real data. Every user, item and event was drawn at random by
                embedrec (org.embedrec.synth.SyntheticStoreEvents) from a planted model: users
                favour one category, views lead to carts and carts to purchases, cheap items
                convert better. Use it to test and time code; report results on real data.

                Files (UTF-8, one header line):
                  events.csv  user_id,item_id,event,timestamp   (view|cart|purchase, seconds since 1970)
                  items.csv   item_id,title,category,price_band,price,tags   (tags joined by '|')
                  users.csv   user_id,favourite_category

                Options
                -------
                users=%d
                items=%d
                events=%d
                minEventsPerUser=%d
                categories=%d
                favouriteShare=%s
                seed=%d

                The same options and seed give byte-identical files.
                """.formatted(options.users(), options.items(), options.events(), options.minEventsPerUser(),
                options.categories(), Double.toString(options.favouriteShare()), options.seed());
    }

    /** The item side: ids, titles, categories, price bands, prices, tags and popularity samplers. */
    private static final class Catalog {
        final int[] itemIds;
        final String[] titles;
        final int[] category;
        final int[] priceBand;
        final double[] price;
        final String[] tags;
        final FenwickSampler all;
        /** Per category, a sampler over its items and the item index of each sampler position. */
        final FenwickSampler[] byCategory;
        final int[][] categoryItems;

        private Catalog(int[] itemIds, String[] titles, int[] category, int[] priceBand, double[] price,
                        String[] tags, long[] popularity, int categories) {
            this.itemIds = itemIds;
            this.titles = titles;
            this.category = category;
            this.priceBand = priceBand;
            this.price = price;
            this.tags = tags;
            all = new FenwickSampler(popularity);
            int[] sizes = new int[categories];
            for (int c : category) {
                sizes[c]++;
            }
            categoryItems = new int[categories][];
            byCategory = new FenwickSampler[categories];
            for (int c = 0; c < categories; c++) {
                categoryItems[c] = new int[sizes[c]];
                long[] weights = new long[sizes[c]];
                int k = 0;
                for (int item = 0; item < category.length; item++) {
                    if (category[item] == c) {
                        categoryItems[c][k] = item;
                        weights[k++] = popularity[item];
                    }
                }
                byCategory[c] = new FenwickSampler(weights);
            }
        }

        static Catalog generate(Options options, SplittableRandom random) {
            int n = options.items();
            int[] itemIds = new int[n];
            String[] titles = new String[n];
            int[] category = new int[n];
            int[] priceBand = new int[n];
            double[] price = new double[n];
            String[] tags = new String[n];
            long[] popularity = new long[n];
            int[] rank = shuffledRanks(n, random);
            double offset = Math.max(1.0, 0.01 * n);
            int itemId = 1000;
            for (int item = 0; item < n; item++) {
                // Ids increase with gaps, so that nobody can mistake an id for an index.
                itemId += 1 + (random.nextInt(4) == 0 ? random.nextInt(8) : 0);
                itemIds[item] = itemId;
                titles[item] = SyntheticTitles.title(random);
                category[item] = random.nextInt(options.categories());
                double u = random.nextDouble();
                int band = 0;
                while (u >= PRICE_BAND_CUMULATIVE[band]) {
                    band++;
                }
                priceBand[item] = band;
                double logLow = StrictMath.log(PRICE_BAND_LOW[band]);
                double logHigh = StrictMath.log(PRICE_BAND_HIGH[band]);
                price[item] = StrictMath.exp(logLow + (logHigh - logLow) * random.nextDouble());
                tags[item] = drawTags(band == 2, random);
                double relative = StrictMath.pow((1 + offset) / (rank[item] + 1 + offset), POPULARITY_EXPONENT);
                popularity[item] = Math.max(1, Math.round(TOP_WEIGHT * relative));
            }
            return new Catalog(itemIds, titles, category, priceBand, price, tags, popularity, options.categories());
        }

        int draw(SplittableRandom random) {
            return all.sample(random);
        }

        /** An item of {@code c} by popularity; an empty category (tiny catalogs) falls back to all items. */
        int drawFromCategory(int c, SplittableRandom random) {
            return categoryItems[c].length == 0 ? draw(random) : categoryItems[c][byCategory[c].sample(random)];
        }

        /** Zero to two distinct ordinary tags, plus {@value #PREMIUM_TAG} for high-band items, sorted. */
        private static String drawTags(boolean premium, SplittableRandom random) {
            List<String> drawn = new ArrayList<>(3);
            int wanted = random.nextInt(3);
            while (drawn.size() < wanted) {
                String tag = TAGS.get(random.nextInt(TAGS.size()));
                if (!drawn.contains(tag)) {
                    drawn.add(tag);
                }
            }
            if (premium) {
                drawn.add(PREMIUM_TAG);
            }
            drawn.sort(null);
            return String.join("|", drawn);
        }

        private static int[] shuffledRanks(int n, SplittableRandom random) {
            int[] rank = new int[n];
            for (int i = 0; i < n; i++) {
                rank[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = rank[i];
                rank[i] = rank[j];
                rank[j] = swap;
            }
            return rank;
        }
    }

    /**
     * What a generator run wrote.
     *
     * @param directory where the files are
     * @param users number of users (every one has at least {@code minEventsPerUser} events)
     * @param items number of items in {@value #ITEMS_FILE}
     * @param events number of lines in {@value #EVENTS_FILE} after the header
     * @param views how many of them are views
     * @param carts how many are carts
     * @param purchases how many are purchases
     */
    public record Summary(Path directory, int users, int items, long events, long views, long carts, long purchases) {
    }

    /**
     * Size and shape of a synthetic store log.
     *
     * @param users number of users, ids 1..users
     * @param items number of items in the catalogue (ids from 1001 upwards, with gaps)
     * @param events exact number of events
     * @param minEventsPerUser every user has at least this many events
     * @param categories how many of the {@link #CATEGORIES} to use, in list order
     * @param favouriteShare probability that a visit views the user's favourite category (the rest
     *     come from the whole catalogue, that category included)
     * @param seed random seed; equal options give byte-identical files
     */
    public record Options(int users, int items, long events, int minEventsPerUser, int categories,
                          double favouriteShare, long seed) {
        /** Largest number of users or items (memory grows with them). */
        public static final int MAX_SIZE = 10_000_000;

        /** Validates every value; messages name the offending one. */
        public Options {
            if (users < 1 || users > MAX_SIZE) {
                throw new IllegalArgumentException("users must be in [1, " + MAX_SIZE + "], got " + users);
            }
            if (items < 1 || items > MAX_SIZE) {
                throw new IllegalArgumentException("items must be in [1, " + MAX_SIZE + "], got " + items);
            }
            if (minEventsPerUser < 1) {
                throw new IllegalArgumentException("minEventsPerUser must be >= 1, got " + minEventsPerUser);
            }
            if (events < (long) users * minEventsPerUser) {
                throw new IllegalArgumentException("events " + events + " is fewer than users * minEventsPerUser = "
                        + users + " * " + minEventsPerUser + " = " + (long) users * minEventsPerUser);
            }
            if (events > (long) users * MAX_ACTIVITY_FACTOR * (Integer.MAX_VALUE / MAX_ACTIVITY_FACTOR)) {
                throw new IllegalArgumentException("events " + events + " is too many for " + users + " users");
            }
            if (categories < 1 || categories > CATEGORIES.size()) {
                throw new IllegalArgumentException("categories must be in [1, " + CATEGORIES.size() + "], got "
                        + categories);
            }
            if (!(favouriteShare >= 0 && favouriteShare <= 1)) {
                throw new IllegalArgumentException("favouriteShare must be in [0, 1], got " + favouriteShare);
            }
        }

        /** 1,000 users, 2,000 items, 100,000 events, at least 5 per user, 12 categories, favourite share 0.7, seed 42. */
        public static Options defaults() {
            return new Options(1_000, 2_000, 100_000, 5, CATEGORIES.size(), 0.7, SyntheticMovieLens.Options.DEFAULT_SEED);
        }

        /** The scale of ml-25m: 162,000 users, 59,000 items, 25,000,000 events; the rest as {@link #defaults()}. */
        public static Options ml25mScale() {
            return defaults().withSize(162_000, 59_000, 25_000_000);
        }

        /** These options with another seed. */
        public Options withSeed(long newSeed) {
            return new Options(users, items, events, minEventsPerUser, categories, favouriteShare, newSeed);
        }

        /** These options with another size. */
        public Options withSize(int newUsers, int newItems, long newEvents) {
            return new Options(newUsers, newItems, newEvents, minEventsPerUser, categories, favouriteShare, seed);
        }

        /** These options with another favourite share. */
        public Options withFavouriteShare(double newShare) {
            return new Options(users, items, events, minEventsPerUser, categories, newShare, seed);
        }
    }
}
