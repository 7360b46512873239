package org.embedrec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.embedrec.analysis.Tsne;
import org.embedrec.data.Dataset;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.family.mf.MatrixFactorizationTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium: every image loads, the page logs nothing to the console,
 * the fixture's hostile title (a script and an img with onerror) is shown as text and never runs,
 * and a screenshot can be taken. Skipped when no {@code chromium} is on the PATH.
 */
class ReportInBrowserTest {
    /** Appended to a copy of the page: counts images that decoded once everything has loaded. */
    private static final String IMAGE_CHECK = """
            <script>
            window.addEventListener('load', () => {
              const images = Array.from(document.images);
              const loaded = images.filter(i => i.complete && i.naturalWidth > 0).length;
              const marker = document.createElement('pre');
              marker.id = 'embedrec-check';
              marker.textContent = 'images ' + loaded + '/' + images.length
                  + ' xss ' + (window.__xss === undefined ? 'none' : window.__xss);
              document.body.appendChild(marker);
            });
            </script>
            """;

    @TempDir
    Path dir;

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(folder, name))) {
                    return Path.of(folder, name).toString();
                }
            }
        }
        // CI installs Chromium (.ci/run), so there a missing browser is a failure, not a skip.
        if (System.getenv("CI") != null) {
            throw new AssertionError("CI is set but no chromium is on the PATH");
        }
        assumeTrue(false, "no chromium on the PATH: browser check skipped");
        throw new AssertionError("unreachable");
    }

    /** Runs Chromium headless with {@code arguments}; returns {stdout, stderr}. */
    private String[] run(String browser, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(arguments);
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish: " + command);
        }
        return new String[] {Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8)};
    }

    @Test
    void everyImageLoadsWithoutConsoleErrorsAndTheScreenshotRenders() throws Exception {
        String browser = chromium();
        Dataset data = ModelReportTest.fixture();
        Split split = Splits.randomHoldout(data.ratings(), 0.2, 3);
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(MatrixFactorizationTrainer.Options.defaults()
                .withDimensions(8).withEpochs(3).withSeed(1)).fit(split.train(), split.test(), data.catalog(),
                org.embedrec.train.TrainingListener.NONE);
        Path page = ModelReport.write(new ModelReport.Inputs(model, "mf", data, split.train(), split.test(),
                Map.of("mf", model.info().history())), ModelReport.Options.defaults().withMinRatings(5)
                .withMap(40, Tsne.Options.defaults().withPerplexity(5).withIterations(200)), dir.resolve("report"));

        Path checked = dir.resolve("report").resolve("checked.html");
        Files.writeString(checked, Files.readString(page).replace("</body>", IMAGE_CHECK + "</body>"));
        String[] dom = run(browser, List.of("--virtual-time-budget=5000", "--dump-dom", checked.toUri().toString()));
        // The fixture's hostile title (ModelReportTest.SCRIPT_TITLE) shows as text and never runs.
        assertThat(dom[0]).as("DOM after load; stderr:%n%s", dom[1])
                .contains("<pre id=\"embedrec-check\">images 7/7 xss none</pre>")
                .contains("&lt;script&gt;window.__xss=1&lt;/script&gt;");
        assertThat(dom[1]).doesNotContain("CONSOLE");

        Path screenshot = dir.resolve("report.png");
        run(browser, List.of("--hide-scrollbars", "--window-size=1100,2000", "--screenshot=" + screenshot, page.toUri().toString()));
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1100);
        assertThat(image.getHeight()).isEqualTo(2000);
    }
}
