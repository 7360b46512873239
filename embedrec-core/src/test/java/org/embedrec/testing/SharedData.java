package org.embedrec.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared MovieLens data ({@code ../shared/data} beside the project root) for tests.
 * Tests that need it are skipped with a clear message when it is absent.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The ml-latest-small folder, or skips the calling test. */
    public static Path mlLatestSmall() {
        Path dir = Path.of("").toAbsolutePath();
        for (; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/ml-latest-small");
            if (Files.isRegularFile(candidate.resolve("ratings.csv"))) {
                return candidate;
            }
        }
        assumeTrue(false, "shared data ../shared/data/ml-latest-small not found: test skipped");
        throw new AssertionError("unreachable");
    }
}
