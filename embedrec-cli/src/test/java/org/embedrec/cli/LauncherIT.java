package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/embedrec} on the packaged jar (run by failsafe after {@code package}): the Vector API on
 * by default without the JVM's incubator warning, the scalar kernels on request, and the command's
 * exit status and stderr passed through the warning filter unchanged.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "embedrec").toAbsolutePath().normalize();
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules";

    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {
    }

    private Run launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString());
        builder.command().addAll(List.of(args));
        builder.environment().remove("EMBEDREC_JAVA_OPTS");
        builder.environment().putAll(environment);
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/embedrec finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void vectorKernelsAreOnByDefaultAndTheIncubatorWarningIsDropped() throws Exception {
        // The JDK these tests run on (17) has the module, so the launcher must find it too.
        Run run = launch(Map.of(), "--version");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).startsWith("embedrec ").containsPattern("kernels: vector \\(\\d+ float lanes\\)");
        assertThat(run.out()).as("the JIT options are not echoed").doesNotContain("CompileCommand");
        assertThat(run.err()).doesNotContain(INCUBATOR_WARNING).isEmpty();
    }

    @Test
    void scalarKernelsOnRequest() throws Exception {
        Run run = launch(Map.of("EMBEDREC_VECTOR", "off"), "--version");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("kernels: scalar");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void errorsAndExitStatusPassThroughTheFilter() throws Exception {
        Path missing = tmp.resolve("no-such-folder");

        Run failed = launch(Map.of(), "explore", "--data", missing.toString());
        Run usage = launch(Map.of(), "explore", "--no-such-flag");

        assertThat(failed.status()).as("%s", failed).isEqualTo(1);
        assertThat(failed.err()).isEqualTo("embedrec: error: folder not found: " + missing + "\n");
        assertThat(usage.status()).as("%s", usage).isEqualTo(2);
        assertThat(usage.err()).startsWith("Unknown option: '--no-such-flag'").doesNotContain(INCUBATOR_WARNING);
    }

    @Test
    void stoppingTheLauncherStopsTheJvm() throws Exception {
        // generate at ML-25M size runs for many seconds: long enough to be stopped midway.
        Process launcher = new ProcessBuilder(LAUNCHER.toString(), "generate", "--preset", "ml-25m", "--out",
                tmp.resolve("big").toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile())
                .start();
        ProcessHandle jvm = null;
        for (int tries = 0; tries < 100 && jvm == null; tries++) {
            jvm = launcher.children().filter(child -> child.info().command().orElse("").endsWith("java")).findFirst()
                    .orElse(null);
            Thread.sleep(100);
        }
        assertThat(jvm).as("the JVM the launcher started").isNotNull();

        launcher.destroy(); // SIGTERM to the launcher only

        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("launcher stopped").isTrue();
        // Well before generate would finish by itself (over 10 s at this size).
        assertThat(jvm.onExit().get(5, TimeUnit.SECONDS).isAlive()).as("the JVM stopped with it").isFalse();
    }
}
