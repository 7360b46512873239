package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.embedrec.data.Dataset;
import org.embedrec.data.SplitSpec;
import org.embedrec.family.Trainers;
import org.embedrec.model.Recommender;
import org.embedrec.data.Split;
import org.embedrec.testing.SharedData;
import org.embedrec.train.TrainingListener;
import org.junit.jupiter.api.Test;

/** The generic path against the MovieLens loader on the real ml-latest-small. */
class DataLoaderTest {
    @Test
    void mlLatestSmallThroughTheGenericPathIsTheMovieLensDataSetAndTrainsTheSameModel() {
        Path dir = SharedData.mlLatestSmall();
        Dataset movieLens = MovieLens.load(dir, MovieLens.CachePolicy.NEVER);
        DataSpec generic = DataSpec.fromMap(Map.of(
                "source", dir.resolve("ratings.csv").toString(),
                "columns", Map.of("user", "userId", "item", "movieId", "rating", "rating", "time", "timestamp"),
                "scale", "half-stars",
                "items", Map.of("source", dir.resolve("movies.csv").toString(), "id", "movieId", "categories", List.of("genres"))),
                Path.of("."));
        Dataset loaded = DataLoader.load(generic, MovieLens.CachePolicy.NEVER).dataset();

        assertThat(loaded.ratings().fingerprint()).isEqualTo(movieLens.ratings().fingerprint());
        assertThat(loaded.ratings().users()).isEqualTo(movieLens.ratings().users());
        assertThat(loaded.ratings().items()).isEqualTo(movieLens.ratings().items());
        assertThat(loaded.catalog()).isEqualTo(movieLens.catalog());
        assertThat(loaded.implicit()).isFalse();
        for (int row = 0; row < movieLens.ratings().size(); row += 997) {
            assertThat(loaded.ratings().timestamp(row)).isEqualTo(movieLens.ratings().timestamp(row));
        }

        Split a = DataLoader.split(DataSpec.of(dir), SplitSpec.parse("random:0.1"), movieLens.ratings(), 42);
        Split b = DataLoader.split(generic, SplitSpec.parse("random:0.1"), loaded.ratings(), 42);
        Map<String, Object> options = Map.of("epochs", 2, "threads", 1, "seed", 7);
        Recommender fromMovieLens = Trainers.create("mf", options).fit(a.train(), null, movieLens.catalog(), TrainingListener.NONE);
        Recommender fromGeneric = Trainers.create("mf", options).fit(b.train(), null, loaded.catalog(), TrainingListener.NONE);
        // Bit-identical parameters give bit-identical scores; the files differ only in the recorded epoch times.
        for (int user = 0; user < movieLens.ratings().userCount(); user += 7) {
            assertThat(fromGeneric.recommend(user, 30, item -> false)).isEqualTo(fromMovieLens.recommend(user, 30, item -> false));
        }
    }
}
