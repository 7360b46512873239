package org.embedrec.family.ials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.RankingBaselines;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.family.Trainers;
import org.embedrec.io.MovieLens;
import org.embedrec.model.Recommender;
import org.embedrec.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's quality check on the real ml-latest-small data (skipped when absent), as
 * {@code compare --split user:0.2} measures it: a per-user 80/20 hold-out (seed 42), ratings ≥ 4
 * relevant, training items excluded, NDCG@10. iALS with its defaults (chosen on a validation part of
 * the training side, never on this test part: docs/IMPLICIT.md) beats most popular and
 * {@code bpr-warp}, the best BPR preset on the top 10. One training thread; the figures are
 * deterministic.
 */
class IalsAcceptanceTest {
    private static final PositiveThreshold LIKED = PositiveThreshold.DEFAULT;

    @Test
    void ialsBeatsMostPopularAndBprWarpOnNdcg() {
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        Split split = Splits.perUserHoldout(data.ratings(), 0.2, 42);
        RankingResult popular = evaluate(RankingBaselines.mostPopular(split.train(), data.catalog(), LIKED), split);
        RankingResult warp = evaluate(Trainers.create("bpr-warp", Map.of()).fit(split.train(), data.catalog()), split);
        RankingResult ials = evaluate(new IalsTrainer(IalsTrainer.Options.defaults()).fit(split.train(), data.catalog()),
                split);
        System.out.printf("NDCG@10 / recall@10 / AUC-full: ials %.4f %.4f %.4f; bpr-warp %.4f %.4f %.4f;"
                + " most popular %.4f %.4f %.4f%n", ials.ndcg(), ials.recall(), ials.fullAuc(), warp.ndcg(), warp.recall(),
                warp.fullAuc(), popular.ndcg(), popular.recall(), popular.fullAuc());
        assertThat(ials.ndcg()).isGreaterThan(popular.ndcg() + 0.05).isGreaterThan(warp.ndcg() + 0.02);
        assertThat(ials.recall()).isGreaterThan(warp.recall());
    }

    private static RankingResult evaluate(Recommender model, Split split) {
        return RankingMetrics.evaluate(model, split.train(), split.test(), LIKED, RankingMetrics.DEFAULT_K);
    }
}
