package org.embedrec.cli;

import java.nio.file.Path;

/**
 * Where embedrec keeps downloaded and generated data. The first of these that is set and not blank
 * wins: the system property {@value #PROPERTY} (so that tests and programs embedding the command
 * line can redirect it in-process, which an environment variable does not allow), the environment
 * variable {@value #ENVIRONMENT_VARIABLE}, else {@code ~/.embedrec}.
 */
final class EmbedrecHome {
    static final String PROPERTY = "embedrec.home";
    static final String ENVIRONMENT_VARIABLE = "EMBEDREC_HOME";

    private EmbedrecHome() {
    }

    static Path root() {
        String home = System.getProperty(PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv(ENVIRONMENT_VARIABLE);
        }
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".embedrec");
    }

    static Path datasets() {
        return root().resolve("datasets");
    }
}
