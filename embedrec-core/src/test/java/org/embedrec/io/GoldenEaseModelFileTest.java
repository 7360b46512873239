package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.family.ease.EaseModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.TrainingFacts;
import org.junit.jupiter.api.Test;

/**
 * The committed format-version-1 file of EASE, {@code golden/ease-v1.safetensors}, must load with the
 * scores worked out here by hand for as long as version 1 is supported. If this test fails, a change
 * broke reading existing model files: fix the reader, never regenerate the file.
 */
class GoldenEaseModelFileTest {
    static final String EASE = "/golden/ease-v1.safetensors";

    /**
     * GENERATOR, run once when the kind was introduced; never rerun it for an existing file. Run from
     * the repository root with the test classpath.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "embedrec-core/src/test/resources/golden");
        ModelFiles.save(easeModel(), dir.resolve("ease-v1.safetensors"));
    }

    private static ModelInfo info() {
        return new ModelInfo(EaseModel.KIND, Map.of("lambda", 200, "positiveThreshold", "4.0"),
                GoldenModelFileTest.LEGACY_PROVENANCE, List.of(), Map.of("test.ndcg@10", 0.5));
    }

    /**
     * Three items, the third never liked (unknown, outside B); user 1 liked items 0 and 1, user 2 item 1.
     * B over the known items 0 and 1: B[0][1] = 0.5, B[1][0] = -0.25, a zero diagonal.
     */
    static EaseModel easeModel() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        catalog.add("10", "Alien (1979)", 1979, List.of("A", "B"));
        catalog.add("20", "Brazil (1985)", 1985, List.of("B"));
        catalog.add("30", "Untitled", ItemCatalog.UNKNOWN_YEAR, List.of());
        TrainingFacts facts = new TrainingFacts(IdIndex.of(List.of("1", "2")), catalog.build(), new int[] {1, 2, 0}, info());
        return new EaseModel(facts, new int[] {0, 1}, new float[] {0f, 0.5f, -0.25f, 0f}, new int[] {0, 2, 3},
                new int[] {0, 1, 1}, PositiveThreshold.DEFAULT);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GoldenEaseModelFileTest.class.getResource(name).toURI());
    }

    @Test
    void easeVersion1FileLoadsWithKnownScores() throws Exception {
        EaseModel model = ModelFiles.load(resource(EASE), EaseModel.class);
        // The user's liked items times B, by hand.
        float[][] scores = {{-0.25f, 0.5f, 0f}, {-0.25f, 0f, 0f}};
        for (int user = 0; user < 2; user++) {
            for (int item = 0; item < 3; item++) {
                assertThat(model.predict(user, item)).as("user %d, item %d", user, item).isEqualTo(scores[user][item]);
            }
        }
        assertThat(model.isKnownItem(2)).isFalse();
        assertThat(model.knownItems()).containsExactly(0, 1);
        assertThat(model.weights()).containsExactly(0f, 0.5f, -0.25f, 0f);
        assertThat(model.info()).isEqualTo(info());
        assertThat(model.positiveThreshold()).isEqualTo(PositiveThreshold.DEFAULT);
        assertThat(model.similarItems(1, 5)).extracting(s -> s.item()).containsExactly(0);
    }
}
