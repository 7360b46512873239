package org.embedrec.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.embedrec.data.Dataset;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.eval.RatingErrors;
import org.embedrec.io.ModelFiles;
import org.embedrec.io.MovieLens;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.ScoredItem;
import org.embedrec.testing.SharedData;
import org.embedrec.family.mf.MatrixFactorizationTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of README.md, kept compiling and true. Keep the two in step. */
class ReadmeExampleTest {
    @Test
    void readmeExampleRunsAsDocumented(@TempDir Path temp) throws Exception {
        Path folder = SharedData.mlLatestSmall();
        // --- README example starts (with Path.of("mf.safetensors") → temp.resolve(...)) ---
        Dataset data = MovieLens.load(folder);
        Split split = Splits.randomHoldout(data.ratings(), 0.1, 42);

        var options = MatrixFactorizationTrainer.Options.defaults().withDimensions(64).withEpochs(20).withSeed(42);
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(options).fit(split.train(), data.catalog());

        RatingErrors test = Metrics.ratingErrors(model, split.test());
        RatingErrors baseline = Metrics.ratingErrors(Baselines.biases(split.train(), data.catalog()), split.test());

        int user = model.users().index("200");
        boolean[] seen = new boolean[model.items().size()];
        for (int item : split.train().byUser().items(user)) {
            seen[item] = true;
        }
        List<ScoredItem> top = model.recommend(user, 10, item -> seen[item]);
        List<ScoredItem> similar = model.similarItems(model.items().index("1196"), 10);

        ModelFiles.save(model, temp.resolve("mf.safetensors"));
        MatrixFactorizationModel again = ModelFiles.load(temp.resolve("mf.safetensors"), MatrixFactorizationModel.class);
        // --- README example ends ---

        assertThat(test.rmse()).isLessThan(baseline.rmse());
        assertThat(top).hasSize(10).allSatisfy(scored -> assertThat(seen[scored.item()]).isFalse());
        assertThat(similar).hasSize(10).noneMatch(scored -> scored.item() == model.items().index("1196"));
        assertThat(again.predict(user, top.get(0).item())).isEqualTo(model.predict(user, top.get(0).item()));
    }
}
