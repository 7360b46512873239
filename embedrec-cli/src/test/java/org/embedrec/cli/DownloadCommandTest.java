package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.embedrec.download.MovieLensRelease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code download} without network: the cache is found through the {@code embedrec.home} property. */
class DownloadCommandTest {
    @TempDir
    Path home;

    private String savedHome;

    @BeforeEach
    void pointHomeAtTemporaryFolder() {
        savedHome = System.getProperty(EmbedrecHome.PROPERTY);
        System.setProperty(EmbedrecHome.PROPERTY, home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (savedHome == null) {
            System.clearProperty(EmbedrecHome.PROPERTY);
        } else {
            System.setProperty(EmbedrecHome.PROPERTY, savedHome);
        }
    }

    @Test
    void aCachedReleaseIsReusedWithoutDownloading() throws IOException {
        Path folder = home.resolve("datasets").resolve("ml-latest-small");
        MovieLensFixture.write(folder);
        byte[] ratings = Files.readAllBytes(folder.resolve("ratings.csv"));

        CliRun run = CliRun.of("download", "ml-latest-small");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).isEqualTo("ml-latest-small is already in the cache: " + folder + System.lineSeparator());
        assertThat(Files.readAllBytes(folder.resolve("ratings.csv"))).isEqualTo(ratings);
        try (var entries = Files.list(home.resolve("datasets"))) {
            assertThat(entries).containsExactly(folder); // no temporary download files
        }
    }

    @Test
    void anUnknownReleaseIsAnErrorListingTheKnownOnes() {
        CliRun run = CliRun.of("download", "nonsense");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: unknown MovieLens release 'nonsense'")
                .contains(String.join(", ", MovieLensRelease.names())).hasLineCount(1);
        assertThat(home.resolve("datasets")).doesNotExist();
    }
}
