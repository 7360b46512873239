package org.embedrec.cli;

import java.nio.file.Path;

/** Where embedrec keeps downloaded and generated data: {@code $EMBEDREC_HOME}, default {@code ~/.embedrec}. */
final class EmbedrecHome {
    private EmbedrecHome() {
    }

    static Path root() {
        String home = System.getenv("EMBEDREC_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".embedrec");
    }

    static Path datasets() {
        return root().resolve("datasets");
    }
}
