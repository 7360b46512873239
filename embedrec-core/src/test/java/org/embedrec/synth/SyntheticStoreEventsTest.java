package org.embedrec.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.embedrec.synth.SyntheticStoreEvents.Options;
import org.embedrec.synth.SyntheticStoreEvents.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticStoreEventsTest {
    /** Small enough to run in a second, large enough for the planted shares to show. */
    private static final Options SMALL = new Options(400, 600, 40_000, 5, 12, 0.7, 7);

    @TempDir
    Path dir;

    /** One line of events.csv, parsed by hand (the io loaders are not used on purpose). */
    record Event(int user, int item, String type, long time) {
    }

    record Item(String category, String band, double price, List<String> tags) {
    }

    private static List<Event> readEvents(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertThat(lines.get(0)).isEqualTo(SyntheticStoreEvents.EVENTS_HEADER);
        List<Event> events = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).as("fields of '%s'", line).hasSize(4);
            events.add(new Event(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], Long.parseLong(f[3])));
        }
        return events;
    }

    private static Map<Integer, Item> readItems(Path file) throws IOException {
        Map<Integer, Item> items = new HashMap<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
            boolean header = true;
            for (CsvRecord r : csv) {
                if (header) {
                    assertThat(String.join(",", r.getFields())).isEqualTo(SyntheticStoreEvents.ITEMS_HEADER);
                    header = false;
                    continue;
                }
                List<String> tags = r.getField(5).isEmpty() ? List.of() : List.of(r.getField(5).split("\\|"));
                Item previous = items.put(Integer.parseInt(r.getField(0)),
                        new Item(r.getField(2), r.getField(3), Double.parseDouble(r.getField(4)), tags));
                assertThat(previous).as("item %s listed twice", r.getField(0)).isNull();
            }
        }
        return items;
    }

    private static Map<Integer, String> readFavourites(Path file) throws IOException {
        Map<Integer, String> favourites = new HashMap<>();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(SyntheticStoreEvents.USERS_HEADER);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            favourites.put(Integer.parseInt(f[0]), f[1]);
        }
        return favourites;
    }

    @Test
    void writesExactlyTheRequestedEventsInTimeOrderPerUser() throws IOException {
        Summary summary = new SyntheticStoreEvents(SMALL).generate(dir);
        List<Event> events = readEvents(dir.resolve(SyntheticStoreEvents.EVENTS_FILE));
        Map<Integer, Item> items = readItems(dir.resolve(SyntheticStoreEvents.ITEMS_FILE));

        assertThat(events).hasSize(40_000);
        assertThat(summary.events()).isEqualTo(40_000);
        assertThat(summary.views() + summary.carts() + summary.purchases()).isEqualTo(40_000);
        assertThat(events.stream().filter(e -> e.type().equals("purchase")).count()).isEqualTo(summary.purchases());
        assertThat(items).hasSize(600);
        Map<Integer, Integer> perUser = new HashMap<>();
        Event previous = null;
        for (Event e : events) {
            assertThat(items).as("item of %s", e).containsKey(e.item());
            assertThat(SyntheticStoreEvents.EVENT_TYPES).contains(e.type());
            assertThat(e.time()).isBetween(SyntheticStoreEvents.START_SECONDS,
                    SyntheticStoreEvents.START_SECONDS + 2 * SyntheticStoreEvents.YEAR_SECONDS);
            if (previous != null) {
                assertThat(e.user()).as("users in id order").isGreaterThanOrEqualTo(previous.user());
                if (e.user() == previous.user()) {
                    assertThat(e.time()).as("time order within user %d", e.user()).isGreaterThan(previous.time());
                }
            }
            perUser.merge(e.user(), 1, Integer::sum);
            previous = e;
        }
        assertThat(perUser).hasSize(400);
        assertThat(perUser.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
        // Heavy-tailed activity: the busiest user has many times the median.
        int[] sorted = perUser.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        assertThat(sorted[sorted.length - 1]).isGreaterThan(5 * sorted[sorted.length / 2]);
    }

    @Test
    void usersConcentrateOnTheirPlantedFavouriteCategory() throws IOException {
        assertThat(favouriteShares(SMALL)).satisfies(shares -> {
            // Planted: 0.7 from the favourite plus 0.3 × (its share of the popularity, ~1/12).
            assertThat(shares.meanShare()).isCloseTo(0.7 + 0.3 / 12, within(0.06));
            assertThat(shares.modeIsFavourite()).isGreaterThan(0.95);
        });
        // The control: without the planted preference the favourite is just one category of twelve.
        assertThat(favouriteShares(SMALL.withFavouriteShare(0))).satisfies(shares -> {
            assertThat(shares.meanShare()).isLessThan(0.2);
            assertThat(shares.modeIsFavourite()).isLessThan(0.4);
        });
    }

    record FavouriteShares(double meanShare, double modeIsFavourite) {
    }

    /** Over users with at least 30 events: the mean share of the favourite and how often it is the mode. */
    private FavouriteShares favouriteShares(Options options) throws IOException {
        Path out = dir.resolve("share-" + options.favouriteShare());
        new SyntheticStoreEvents(options).generate(out);
        Map<Integer, Item> items = readItems(out.resolve(SyntheticStoreEvents.ITEMS_FILE));
        Map<Integer, String> favourites = readFavourites(out.resolve(SyntheticStoreEvents.USERS_FILE));
        Map<Integer, Map<String, Integer>> byUser = new HashMap<>();
        for (Event e : readEvents(out.resolve(SyntheticStoreEvents.EVENTS_FILE))) {
            if (e.type().equals("view")) {
                byUser.computeIfAbsent(e.user(), u -> new HashMap<>()).merge(items.get(e.item()).category(), 1, Integer::sum);
            }
        }
        double shareSum = 0;
        int modeHits = 0;
        int users = 0;
        for (var entry : byUser.entrySet()) {
            int total = entry.getValue().values().stream().mapToInt(Integer::intValue).sum();
            if (total < 30) {
                continue;
            }
            String favourite = favourites.get(entry.getKey());
            String mode = entry.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            shareSum += entry.getValue().getOrDefault(favourite, 0) / (double) total;
            modeHits += mode.equals(favourite) ? 1 : 0;
            users++;
        }
        assertThat(users).isGreaterThan(100);
        return new FavouriteShares(shareSum / users, modeHits / (double) users);
    }

    @Test
    void purchasesFollowCartsAndCheapItemsConvertBetter() throws IOException {
        new SyntheticStoreEvents(SMALL).generate(dir);
        List<Event> events = readEvents(dir.resolve(SyntheticStoreEvents.EVENTS_FILE));
        Map<Integer, Item> items = readItems(dir.resolve(SyntheticStoreEvents.ITEMS_FILE));
        Map<String, int[]> cartsAndPurchasesByBand = new HashMap<>();
        long views = 0;
        long carts = 0;
        for (int k = 0; k < events.size(); k++) {
            Event e = events.get(k);
            String band = items.get(e.item()).band();
            switch (e.type()) {
                case "view" -> views++;
                case "cart" -> {
                    carts++;
                    assertThat(events.get(k - 1)).as("event before %s", e)
                            .isEqualTo(new Event(e.user(), e.item(), "view", events.get(k - 1).time()));
                    cartsAndPurchasesByBand.computeIfAbsent(band, b -> new int[2])[0]++;
                }
                case "purchase" -> {
                    assertThat(events.get(k - 1)).as("event before %s", e)
                            .isEqualTo(new Event(e.user(), e.item(), "cart", events.get(k - 1).time()));
                    cartsAndPurchasesByBand.get(band)[1]++;
                }
                default -> throw new AssertionError(e);
            }
        }
        assertThat(carts / (double) views).isCloseTo(SyntheticStoreEvents.CART_AFTER_VIEW, within(0.02));
        double[] conversion = Stream.of("low", "mid", "high")
                .mapToDouble(b -> cartsAndPurchasesByBand.get(b)[1] / (double) cartsAndPurchasesByBand.get(b)[0])
                .toArray();
        for (int band = 0; band < 3; band++) {
            assertThat(conversion[band]).as("purchases per cart, band %d", band)
                    .isCloseTo(SyntheticStoreEvents.PURCHASE_AFTER_CART[band], within(0.06));
        }
    }

    @Test
    void itemCatalogueHasBandsPricesAndTags() throws IOException {
        new SyntheticStoreEvents(SMALL).generate(dir);
        Map<Integer, Item> items = readItems(dir.resolve(SyntheticStoreEvents.ITEMS_FILE));
        Map<String, double[]> priceRange = Map.of("low", new double[] {1, 20}, "mid", new double[] {20, 100},
                "high", new double[] {100, 1000});
        for (Item item : items.values()) {
            assertThat(SyntheticStoreEvents.CATEGORIES).contains(item.category());
            assertThat(item.price()).isBetween(priceRange.get(item.band())[0], priceRange.get(item.band())[1]);
            assertThat(item.tags().contains(SyntheticStoreEvents.PREMIUM_TAG)).as("premium iff high band: %s", item)
                    .isEqualTo(item.band().equals("high"));
            assertThat(item.tags()).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(3);
        }
        long high = items.values().stream().filter(i -> i.band().equals("high")).count();
        assertThat(high / 600.0).isCloseTo(0.15, within(0.05));
        assertThat(items.values().stream().map(Item::category).distinct().count()).isEqualTo(12);
    }

    @Test
    void sameSeedGivesIdenticalFilesAndAnotherSeedDifferentOnes() throws IOException {
        Options options = SMALL.withSize(50, 80, 2_000);
        new SyntheticStoreEvents(options).generate(dir.resolve("a"));
        new SyntheticStoreEvents(options).generate(dir.resolve("b"));
        new SyntheticStoreEvents(options.withSeed(8)).generate(dir.resolve("c"));
        for (String file : List.of(SyntheticStoreEvents.EVENTS_FILE, SyntheticStoreEvents.ITEMS_FILE,
                SyntheticStoreEvents.USERS_FILE, SyntheticStoreEvents.README_FILE)) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
        assertThat(Files.readAllBytes(dir.resolve("c").resolve(SyntheticStoreEvents.EVENTS_FILE)))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("a").resolve(SyntheticStoreEvents.EVENTS_FILE)));
    }

    @Test
    void progressEndsWithTheTotal() throws IOException {
        List<Long> told = new ArrayList<>();
        new SyntheticStoreEvents(SMALL.withSize(2_000, 500, 200_000)).generate(dir, told::add);
        assertThat(told).isSorted().hasSizeGreaterThan(1);
        assertThat(told.get(told.size() - 1)).isEqualTo(200_000);
    }

    @Test
    void optionsNameTheBadValue() {
        assertThatThrownBy(() -> new Options(10, 10, 20, 5, 12, 0.7, 1))
                .hasMessageContaining("events 20 is fewer than users * minEventsPerUser = 10 * 5 = 50");
        assertThatThrownBy(() -> new Options(10, 10, 100, 5, 13, 0.7, 1)).hasMessageContaining("categories")
                .hasMessageContaining("13");
        assertThatThrownBy(() -> new Options(10, 10, 100, 5, 12, 1.5, 1)).hasMessageContaining("favouriteShare")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Options(0, 10, 100, 5, 12, 0.7, 1)).hasMessageContaining("users")
                .hasMessageContaining("got 0");
    }
}
