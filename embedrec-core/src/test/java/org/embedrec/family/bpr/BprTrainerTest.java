package org.embedrec.family.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.EpochRecord;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.TrainingListener;

/** BPR training: what counts as a positive, what is recorded, validation and early stopping. */
class BprTrainerTest {
    private static final int EPOCHS = 10;
    private static final Ratings DATA = groupTaste(3);
    private static final ItemCatalog CATALOG = ItemCatalog.untitled(DATA.items());

    /**
     * 90 users and 60 items in three taste groups; a user rates an item with probability 0.35, 4 or 5
     * stars within their group and 1 to 3 outside it, so the liked items are predictable from the group.
     */
    private static Ratings groupTaste(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        Ratings.Builder builder = Ratings.builder();
        for (int user = 0; user < 90; user++) {
            for (int item = 0; item < 60; item++) {
                if (random.nextDouble() < 0.35) {
                    builder.add(user, item, user % 3 == item % 3 ? 4 + random.nextInt(2) : 1 + random.nextInt(3), 0);
                }
            }
        }
        return builder.build(RatingFixtures.ids("u", 90), RatingFixtures.ids("i", 60));
    }

    @Test
    void thePositiveThresholdChoosesTheExamplesAndIsRecordedInTheModelFile(@TempDir Path dir) throws IOException {
        int liked = PositiveThreshold.DEFAULT.positives(DATA).size();
        assertThat(liked).isGreaterThan(0).isLessThan(DATA.size());
        List<Integer> examples = new ArrayList<>();
        BprTrainer.Options options = BprTrainer.Options.defaults().withDimensions(4).withEpochs(1);
        for (PositiveThreshold threshold : new PositiveThreshold[] {PositiveThreshold.DEFAULT, PositiveThreshold.ALL}) {
            BprTrainer.Options withThreshold = options.withPositiveThreshold(threshold);
            BprModel model = new BprTrainer(withThreshold).fit(DATA, null, CATALOG, new TrainingListener() {
                @Override
                public void onEpochStart(int epoch, int epochs, long count) {
                    examples.add((int) count);
                }
            });
            Path file = dir.resolve(threshold + ".safetensors");
            ModelFiles.save(model, file);
            BprModel loaded = ModelFiles.load(file, BprModel.class);
            assertThat(loaded.positiveThreshold()).isEqualTo(threshold);
            assertThat(loaded.info().hyperparameters()).containsEntry("positiveThreshold", threshold.toString());
            // Every item with any rating is known, whatever its ratings' values.
            for (int item = 0; item < DATA.itemCount(); item++) {
                assertThat(model.isKnownItem(item)).isEqualTo(DATA.itemCounts()[item] > 0);
            }
        }
        assertThat(examples).containsExactly(liked, DATA.size());
    }

    @ParameterizedTest
    @EnumSource(value = NegativeSampling.class, names = {"UNIFORM_EXCLUDING_POSITIVES", "WARP"})
    void validationReportsRankingMetricsAndEarlyStoppingKeepsTheBestEpoch(NegativeSampling negatives) {
        Split split = Splits.perUserHoldout(DATA, 0.2, 1);
        // A learning rate high enough to overfit this small data, so the validation figures peak early.
        BprTrainer.Options options = BprTrainer.Options.defaults().withDimensions(16).withTagDimensions(4).withEpochs(40).withLearningRate(0.05).withL2(0)
                .withPatience(3).withNegatives(negatives);
        // WARP is watched by NDCG@10, the others by the AUC: each by what its sampling optimizes.
        String figure = negatives == NegativeSampling.WARP ? "ndcg@10" : "auc_excluding_train";
        assertThat(PairwiseTrainer.monitor(options)).isEqualTo("1-" + figure);
        for (RecommenderTrainer<?> trainer : List.of(new BprTrainer(options), new GenreBprTrainer(options))) {
            List<EpochRecord> seen = new ArrayList<>();
            int[] kept = {0};
            var model = trainer.fit(split.train(), split.test(), CATALOG, new TrainingListener() {
                @Override
                public void onEpochEnd(EpochRecord record) {
                    seen.add(record);
                }

                @Override
                public void onEarlyStop(int bestEpoch) {
                    kept[0] = bestEpoch;
                }
            });
            assertThat(seen.get(0).metrics()).containsOnlyKeys("ndcg@10", "auc_excluding_train",
                    PairwiseObjective.MONITOR_NDCG, PairwiseObjective.MONITOR_AUC);
            // The best after the warm-up, which early stopping never keeps.
            double best = seen.stream().skip(PairwiseTrainer.WARMUP_EPOCHS).mapToDouble(r -> r.metrics().get(figure))
                    .max().orElseThrow();
            assertThat(kept[0]).as(trainer.kind()).isGreaterThan(PairwiseTrainer.WARMUP_EPOCHS).isLessThan(seen.size());
            assertThat(seen.get(kept[0] - 1).metrics().get(figure)).isEqualTo(best);
            assertThat(seen.size()).isEqualTo(kept[0] + 3);
            var history = trainer instanceof GenreBprTrainer ? ((GenreBprModel) model).info().history()
                    : ((BprModel) model).info().history();
            assertThat(history).hasSize(kept[0]);
        }
    }

    @Test
    void aThresholdThatLeavesNoPositivesIsAClearError() {
        BprTrainer.Options options = BprTrainer.Options.defaults().withPositiveThreshold(PositiveThreshold.atLeast(6));
        assertThatThrownBy(() -> new BprTrainer(options).fit(DATA, CATALOG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no training rating is positive at threshold 6.0");
    }

    @Test
    void bothLossesAndEverySamplerLearnThePlantedTaste() {
        // A third of the unseen items share the user's group and are as likely liked as the held-out
        // positives, so the best possible AUC here is about 2/3 + 1/3 * 1/2 = 0.83; random is 0.5.
        Split split = Splits.perUserHoldout(DATA, 0.2, 2);
        for (PairwiseLoss loss : PairwiseLoss.values()) {
            for (NegativeSampling negatives : NegativeSampling.values()) {
                BprTrainer.Options options = BprTrainer.Options.defaults().withDimensions(8).withEpochs(EPOCHS).withLearningRate(0.05)
                        .withLoss(loss).withNegatives(negatives);
                BprModel model = new BprTrainer(options).fit(split.train(), CATALOG);
                double auc = org.embedrec.eval.RankingMetrics.evaluate(model, split.train(), split.test(),
                        PositiveThreshold.DEFAULT, 10).aucExcludingTrain();
                assertThat(auc).as("%s loss, %s negatives", loss, negatives).isGreaterThan(0.75);
            }
        }
    }
}
