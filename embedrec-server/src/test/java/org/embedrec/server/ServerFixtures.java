package org.embedrec.server;

import java.util.List;
import java.util.Map;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;

/**
 * A hand-made two-dimensional model whose answers can be worked out on paper: axis 1 is "sci-fi",
 * axis 2 is "family". Linear output, no biases, global 3, so {@code predict = 3 + p_u · q_i}.
 *
 * <pre>
 *   item  title                 q            user  p        rated
 *   1     Alien (1979)          (1, 0)       10    (2, 0)   1: 5
 *   2     Aliens (1986)         (0.9, 0.1)   20    (0, 2)   3: 5, 4: 4
 *   3     Toy Story (1995)      (0, 1)       30    (1, 1)   2: 4, 5: 3, 1: 2
 *   4     Finding Nemo (2003)   (0.1, 0.9)
 *   5     Heat (1995)           (0.5, -0.5)
 *   6     Unseen (2000)         (0, 0), never in training
 * </pre>
 */
final class ServerFixtures {
    static final ModelInfo INFO = new ModelInfo(MatrixFactorizationModel.KIND, Map.of("l2", 0.05, "biasL2", 0.01),
            new Provenance("fixture-fingerprint", null, null, 0, false, null, Provenance.CURRENT_VERSION,
                    RatingScale.between(1f, 5f)), List.of(), Map.of("test.rmse", 0.9));

    private ServerFixtures() {
    }

    static MatrixFactorizationModel model() {
        return model("Aliens (1986)", "Action");
    }

    /** The fixture model with item 2's title and first genre replaced, e.g. by hostile HTML. */
    static MatrixFactorizationModel model(String aliensTitle, String aliensGenre) {
        IdIndex users = IdIndex.of(List.of("10", "20", "30"));
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        catalog.add("1", "Alien (1979)", 1979, List.of("Horror", "Sci-Fi"));
        catalog.add("2", aliensTitle, 1986, List.of(aliensGenre, "Sci-Fi"));
        catalog.add("3", "Toy Story (1995)", 1995, List.of("Animation", "Comedy"));
        catalog.add("4", "Finding Nemo (2003)", 2003, List.of("Animation", "Comedy"));
        catalog.add("5", "Heat (1995)", 1995, List.of("Action", "Crime"));
        catalog.add("6", "Unseen (2000)", 2000, List.of("Drama"));
        float[] userFactors = {2, 0, 0, 2, 1, 1};
        float[] itemFactors = {1, 0, 0.9f, 0.1f, 0, 1, 0.1f, 0.9f, 0.5f, -0.5f, 0, 0};
        return new MatrixFactorizationModel(new TrainingFacts(users, catalog.build(), new int[] {2, 1, 1, 1, 1, 0}, INFO), 2,
                userFactors, itemFactors, null, null, 3f, null, new MatrixFactorizationModel.FoldInL2(0.05, 0.01));
    }

    static Ratings history(MatrixFactorizationModel model) {
        Ratings.Builder ratings = Ratings.builder();
        ratings.add(0, 0, 5, 0);
        ratings.add(1, 2, 5, 0);
        ratings.add(1, 3, 4, 0);
        ratings.add(2, 1, 4, 0);
        ratings.add(2, 4, 3, 0);
        ratings.add(2, 0, 2, 0);
        return ratings.build(model.users(), model.items());
    }

    static ServedModel served() {
        return served(model());
    }

    static ServedModel served(MatrixFactorizationModel model) {
        return ServedModel.of("fixture", model, INFO, history(model));
    }

    static RecommendationService service(EmbeddingMap map) {
        return new RecommendationService(List.of(served()), map);
    }
}
