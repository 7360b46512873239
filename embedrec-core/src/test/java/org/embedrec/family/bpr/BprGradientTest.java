package org.embedrec.family.bpr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.embedrec.train.GradientBuffer;
import org.embedrec.train.Initializer;

/**
 * Finite-difference checks of both BPR models' hand-derived triplet gradients (STYLE rule 11): for
 * random triplets, {@code accumulate} must equal the central difference of {@code tripletObjective}
 * in every parameter the triplet touches, for both losses, with and without item bias. The genre
 * catalog gives items several genres, one genre or none, and shares genres between the positive
 * and the negative item.
 */
class BprGradientTest {
    private static final float EPS = 1e-3f;
    private static final double RELATIVE_TOLERANCE = 1e-2;
    private static final double ABSOLUTE_TOLERANCE = 2e-3;
    private static final double L2 = 0.3;
    private static final int USERS = 5;
    private static final int ITEMS = 7;

    /** One partial derivative: where, the analytic value and the numeric one. */
    private record Partial(String name, double analytic, double numeric) {
    }

    static Stream<Arguments> configurations() {
        List<Arguments> all = new ArrayList<>();
        for (boolean genres : new boolean[] {false, true}) {
            for (boolean itemBias : new boolean[] {true, false}) {
                for (PairwiseLoss loss : PairwiseLoss.values()) {
                    all.add(Arguments.of(genres, itemBias, loss));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "genres={0} itemBias={1} loss={2}")
    @MethodSource("configurations")
    void analyticGradientMatchesCentralDifferences(boolean genres, boolean itemBias, PairwiseLoss loss) {
        BprTrainer.Options options = BprTrainer.Options.defaults().withDimensions(6).withTagDimensions(2).withL2(L2)
                .withItemBias(itemBias).withLoss(loss).withPositiveThreshold(PositiveThreshold.ALL)
                .withInitializer(Initializer.UNIFORM, 0.8);
        Ratings train = RatingFixtures.random(11, USERS, ITEMS, 25);
        ItemCatalog catalog = catalog(train.items());
        SplittableRandom random = new SplittableRandom(5);
        PairwiseObjective objective = genres
                ? new GenreBprTrainer.Objective(train, null, catalog, options, new SplittableRandom(3))
                : new BprTrainer.Objective(train, null, catalog, options, new SplittableRandom(3));
        for (float[] table : objective.parameters().values()) {
            for (int k = 0; k < table.length; k++) {
                table[k] = (float) (random.nextDouble() * 1.6 - 0.8); // also moves biases off their zero start
            }
        }
        List<Partial> all = new ArrayList<>();
        for (int triplet = 0; triplet < 12; triplet++) {
            int u = random.nextInt(USERS);
            int i = random.nextInt(ITEMS);
            int j = (i + 1 + random.nextInt(ITEMS - 1)) % ITEMS;
            List<Partial> partials = partials(objective, u, i, j);
            for (Partial p : partials) {
                assertThat(mismatch(p.analytic(), p.numeric()))
                        .as("triplet (%d, %d, %d), %s: analytic %s vs numeric %s", u, i, j, p.name(), p.analytic(), p.numeric())
                        .isLessThanOrEqualTo(1);
            }
            all.addAll(partials);
        }
        // The check has teeth: a gradient with the wrong sign would fail it.
        assertThat(all.stream().mapToDouble(p -> mismatch(-p.analytic(), p.numeric())).max().orElseThrow())
                .isGreaterThan(1);
        if (genres) {
            assertThat(all.stream().filter(p -> p.name().startsWith("tag_embedding")).count())
                    .as("tag partials checked").isGreaterThan(10);
        }
    }

    /** Genres: item 0 has two, item 1 none, the rest one or two of three, sharing genres. */
    private static ItemCatalog catalog(IdIndex items) {
        ItemCatalog.Builder builder = ItemCatalog.builder();
        String[][] genres = {{"A", "B"}, {}, {"A"}, {"B", "C"}, {"C"}, {"A", "C"}, {"B"}};
        for (int item = 0; item < items.size(); item++) {
            builder.add(items.id(item), "Movie " + item, 2000, List.of(genres[item % genres.length]));
        }
        return builder.build();
    }

    private static List<Partial> partials(PairwiseObjective o, int u, int i, int j) {
        PairwiseObjective.PairwiseWorker worker = (PairwiseObjective.PairwiseWorker) o.newWorker(1, 1);
        worker.accumulate(u, i, j, 1f);
        List<Partial> partials = new ArrayList<>();
        for (var table : o.parameters().entrySet()) {
            GradientBuffer buffer = buffer(worker, table.getKey());
            float[] values = table.getValue();
            int width = width(o, table.getKey());
            for (int row = 0; row < values.length / width; row++) {
                for (int k = 0; k < width; k++) {
                    double numeric = numeric(o, u, i, j, values, row * width + k);
                    int offset = buffer.offset(row);
                    double analytic = buffer.gradient()[offset + k];
                    if (analytic != 0 || numeric != 0) {
                        partials.add(new Partial(table.getKey() + "[" + row + "][" + k + "]", analytic, numeric));
                    }
                }
            }
        }
        return partials;
    }

    private static GradientBuffer buffer(PairwiseObjective.PairwiseWorker worker, String table) {
        if (worker instanceof BprTrainer.BprWorker w) {
            return switch (table) {
                case "user_factors" -> w.users;
                case "item_factors" -> w.items;
                default -> w.itemBiases;
            };
        }
        GenreBprTrainer.GenreWorker w = (GenreBprTrainer.GenreWorker) worker;
        return switch (table) {
            case "user_embedding" -> w.users;
            case "item_embedding" -> w.items;
            case "tag_embedding" -> w.tags;
            default -> w.itemBiases;
        };
    }

    private static int width(PairwiseObjective o, String table) {
        if (table.equals("item_bias")) {
            return 1;
        }
        if (o instanceof GenreBprTrainer.Objective g) {
            return switch (table) {
                case "user_embedding" -> g.dim;
                case "item_embedding" -> g.itemDim;
                default -> g.tagDim;
            };
        }
        return ((BprTrainer.Objective) o).dim;
    }

    /** Central difference of the triplet objective in {@code table[index]}, over the step actually taken in float. */
    private static double numeric(PairwiseObjective o, int u, int i, int j, float[] table, int index) {
        float saved = table[index];
        float plus = saved + EPS;
        float minus = saved - EPS;
        table[index] = plus;
        double valuePlus = o.tripletObjective(u, i, j);
        table[index] = minus;
        double valueMinus = o.tripletObjective(u, i, j);
        table[index] = saved;
        return (valuePlus - valueMinus) / ((double) plus - minus);
    }

    /** The error in units of the tolerance: at most 1 means the two agree. */
    private static double mismatch(double analytic, double numeric) {
        return Math.abs(analytic - numeric)
                / (RELATIVE_TOLERANCE * Math.max(Math.abs(analytic), Math.abs(numeric)) + ABSOLUTE_TOLERANCE);
    }
}
