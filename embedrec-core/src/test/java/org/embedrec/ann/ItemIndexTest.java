package org.embedrec.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.io.ModelFileException;
import org.embedrec.model.DotProductModel;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.Recommender;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TrainingFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HNSW index against the exact scans it stands in for, on a generated model of 20,000 items at
 * d = 32 (fixed seed, so every figure is deterministic): recall@10 of recommendations and of similar
 * items, filters that are never broken, and index files that round-trip and are refused when stale.
 */
class ItemIndexTest {
    private static final int ITEMS = 20_000;
    private static final int USERS = 300;
    private static final int DIM = 32;

    /** A dot-product model over given tables that reports its ranking score halved, to check reported scores. */
    record TableModel(TrainingFacts trainingFacts, DotProductScorer rankingScorer) implements DotProductModel {
        @Override
        public float predict(int user, int item) {
            return rankingScorer.score(user, item) / 2;
        }

        @Override
        public float recommendedScore(int user, float rankingScore) {
            return rankingScore / 2;
        }

        @Override
        public Recommender withInfo(ModelInfo info) {
            return new TableModel(trainingFacts.withInfo(info), rankingScorer);
        }
    }

    private static TableModel model;
    private static ItemIndex index;

    @BeforeAll
    static void buildIndex() {
        model = generatedModel(7, 0);
        index = ItemIndex.build(model, HnswOptions.DEFAULTS, true);
    }

    /**
     * Item vectors with a low-rank structure (as trained factors have) and norms spread over a factor
     * of about 10, item biases, and every 50th item unknown (never trained); {@code changedItem}
     * shifts one item's vector when non-zero.
     */
    static TableModel generatedModel(long seed, int changedItem) {
        SplittableRandom random = new SplittableRandom(seed);
        int rank = 8;
        float[] basis = gaussian(random, rank * DIM);
        float[] items = new float[ITEMS * DIM];
        for (int item = 0; item < ITEMS; item++) {
            float[] weights = gaussian(random, rank);
            float scale = (float) Math.exp(random.nextGaussian() * 0.6);
            for (int k = 0; k < DIM; k++) {
                float value = 0.3f * (float) random.nextGaussian();
                for (int r = 0; r < rank; r++) {
                    value += weights[r] * basis[r * DIM + k];
                }
                items[item * DIM + k] = scale * value / (float) Math.sqrt(rank);
            }
        }
        if (changedItem > 0) {
            items[changedItem * DIM] += 0.5f;
        }
        float[] bias = gaussian(random, ITEMS);
        float[] users = gaussian(random, USERS * DIM);
        int[] counts = new int[ITEMS];
        for (int item = 0; item < ITEMS; item++) {
            counts[item] = item % 50 == 49 ? 0 : 1 + random.nextInt(100);
        }
        List<String> userIds = IntStream.range(0, USERS).mapToObj(u -> "u" + u).toList();
        List<String> itemIds = IntStream.range(0, ITEMS).mapToObj(i -> "i" + i).toList();
        TrainingFacts facts = new TrainingFacts(IdIndex.of(userIds), ItemCatalog.untitled(IdIndex.of(itemIds)), counts,
                new ModelInfo("table", Map.of(), Provenance.of("none"), List.of(), Map.of()));
        return new TableModel(facts, new DotProductScorer(facts, DIM, users, items, bias));
    }

    private static float[] gaussian(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int j = 0; j < count; j++) {
            values[j] = (float) random.nextGaussian();
        }
        return values;
    }

    private static Set<Integer> items(List<ScoredItem> list) {
        return list.stream().map(ScoredItem::item).collect(Collectors.toSet());
    }

    private static double overlap(List<ScoredItem> approximate, List<ScoredItem> exact) {
        Set<Integer> found = items(approximate);
        return exact.stream().filter(scored -> found.contains(scored.item())).count();
    }

    @Test
    void recommendationsRecallAtLeast95PercentOfExactTop10() {
        double hits = 0;
        for (int user = 0; user < USERS; user++) {
            hits += overlap(index.recommend(user, 10, item -> false), model.recommend(user, 10, item -> false));
        }
        assertThat(hits / (USERS * 10)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void longerListsKeepTheirRecall() {
        for (int n : new int[] {50, 100}) {
            double hits = 0;
            for (int user = 0; user < USERS; user++) {
                hits += overlap(index.recommend(user, n, item -> false), model.recommend(user, n, item -> false));
            }
            assertThat(hits / (USERS * n)).as("recall@%d", n).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void listedItemsCarryTheModelsReportedScoreBestFirst() {
        for (int user = 0; user < 20; user++) {
            List<ScoredItem> list = index.recommend(user, 10, item -> false);
            assertThat(list).hasSize(10);
            for (int j = 0; j < list.size(); j++) {
                ScoredItem scored = list.get(j);
                assertThat(scored.score()).isEqualTo(model.rankingScorer().score(user, scored.item()) / 2);
                if (j > 0) {
                    assertThat(scored.score()).isLessThanOrEqualTo(list.get(j - 1).score());
                }
            }
        }
    }

    @Test
    void filteredItemsAreNeverListedAndRecallHoldsUnderTheFilter() {
        double hits = 0;
        for (int user = 0; user < USERS; user++) {
            // A "seen" set taking the user's exact top 50 (the items the graph search heads for), and a
            // genre-like filter admitting one item in three.
            Set<Integer> seen = items(model.recommend(user, 50, item -> false));
            int genre = user % 3;
            IntPredicate exclude = item -> seen.contains(item) || item % 3 != genre;
            List<ScoredItem> approximate = index.recommend(user, 10, exclude);
            assertThat(approximate).hasSize(10);
            for (ScoredItem scored : approximate) {
                assertThat(exclude.test(scored.item())).as("item %d for user %d", scored.item(), user).isFalse();
                assertThat(model.isKnownItem(scored.item())).isTrue();
            }
            hits += overlap(approximate, model.recommend(user, 10, exclude));
        }
        assertThat(hits / (USERS * 10)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aFilterAdmittingFewItemsListsExactlyThose() {
        Set<Integer> admitted = Set.of(3, 5_000, 12_345, 19_998);
        List<ScoredItem> list = index.recommend(1, 10, item -> !admitted.contains(item));
        assertThat(list).isEqualTo(model.recommend(1, 10, item -> !admitted.contains(item)));
        assertThat(items(list)).isEqualTo(admitted);
    }

    @Test
    void unknownItemsAreNeverListed() {
        Set<Integer> listed = new HashSet<>();
        for (int user = 0; user < USERS; user++) {
            listed.addAll(items(index.recommend(user, 50, item -> false)));
        }
        assertThat(listed).noneMatch(item -> item % 50 == 49);
    }

    @Test
    void similarItemsRecallAtLeast95PercentOfExactCosineTop10() {
        double hits = 0;
        int queries = 0;
        DotProductScorer scorer = model.rankingScorer();
        for (int item = 0; item < ITEMS; item += 97) {
            if (!model.isKnownItem(item)) {
                continue;
            }
            IntPredicate exclude = other -> other % 7 == 0;
            List<ScoredItem> approximate = index.similarItems(item, 10, exclude);
            int query = item;
            assertThat(approximate).noneMatch(scored -> scored.item() == query || scored.item() % 7 == 0);
            hits += overlap(approximate, scorer.similarItems(item, 10, exclude));
            queries++;
        }
        assertThat(hits / (queries * 10)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void savedIndexLoadsAndListsTheSame(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("model.safetensors.hnsw");
        index.save(file);
        ItemIndex loaded = ItemIndex.load(file, model);
        for (int user = 0; user < USERS; user += 7) {
            assertThat(loaded.recommend(user, 10, item -> false)).isEqualTo(index.recommend(user, 10, item -> false));
        }
        assertThat(loaded.similarItems(11, 10, item -> false)).isEqualTo(index.similarItems(11, 10, item -> false));
    }

    @Test
    void aStaleIndexIsRefusedNamingTheFile(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("model.safetensors.hnsw");
        index.save(file);
        TableModel retrained = generatedModel(7, 123);
        assertThat(ItemIndex.fingerprint(retrained)).isNotEqualTo(ItemIndex.fingerprint(model));
        assertThatThrownBy(() -> ItemIndex.load(file, retrained))
                .isInstanceOf(ItemIndex.StaleIndexException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("stale HNSW index");
    }

    @Test
    void aCutOrForeignFileIsRefusedNamingTheFile(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("model.safetensors.hnsw");
        index.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ItemIndex.load(file, model)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("cut short");
        Files.writeString(file, "not an index at all");
        assertThatThrownBy(() -> ItemIndex.load(file, model)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("not an embedrec HNSW index");
    }

    @Test
    void oneSeedBuildsTheSameFile(@TempDir Path folder) throws IOException {
        TableModel small = generatedModel(3, 0);
        ItemIndex.build(small, new HnswOptions(8, 40, 40, 5), false).save(folder.resolve("a"));
        ItemIndex.build(small, new HnswOptions(8, 40, 40, 5), false).save(folder.resolve("b"));
        assertThat(Files.readAllBytes(folder.resolve("a"))).isEqualTo(Files.readAllBytes(folder.resolve("b")));
    }
}
