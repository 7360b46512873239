package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.Evaluation;
import org.embedrec.family.bpr.BprTrainer;
import org.embedrec.family.mf.MatrixFactorizationTrainer;
import org.embedrec.io.MovieLens;
import org.embedrec.model.Recommender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page and the explorer on the real ml-latest-small data (skipped when it is absent): an
 * {@code mf} rating model and a {@code bpr} ranking model trained on a seeded 80/20 per-user split,
 * each with its held-out metrics recorded as {@code train} records them. Checks what only real
 * data shows (the ranking model is the default, by its NDCG@10; t-SNE of the most-rated items
 * computes in seconds) and saves the screenshots docs/SERVER.md and the README show:
 * {@code target/browser/real-page-1400.png}, {@code real-page-375.png} and {@code real-explorer-1400.png}.
 */
class ScreenshotTest {
    private static Path mlLatestSmall() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/ml-latest-small");
            if (Files.isRegularFile(candidate.resolve("ratings.csv"))) {
                return candidate;
            }
        }
        assumeTrue(false, "shared data ../shared/data/ml-latest-small not found: test skipped");
        throw new AssertionError("unreachable");
    }

    private static ServedModel served(String name, Recommender model, Evaluation evaluation, Dataset data) {
        Recommender measured = model.withInfo(model.info().withMetrics(evaluation.evaluate(model).metrics()));
        return ServedModel.of(name, measured, measured.info(), data.ratings());
    }

    /** Saves a screenshot of {@code shown} (the window or one element) as target/browser/{@code name}. */
    private static void save(org.openqa.selenium.TakesScreenshot shown, String name) throws Exception {
        Path file = Path.of("target", "browser", name);
        Files.createDirectories(file.getParent());
        File shot = shown.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }

    @Test
    void thePageAndTheExplorerOnMovieLens(@TempDir Path tmp) throws Exception {
        Path dir = mlLatestSmall();
        BrowserTest.assumeChromium();
        Dataset data = MovieLens.load(dir);
        Split split = Splits.perUserHoldout(data.ratings(), 0.2, 42);
        Evaluation evaluation = Evaluation.of(split.train(), split.test(), data.catalog())
                .withRanking(PositiveThreshold.DEFAULT, 10);
        ServedModel mf = served("mf", new MatrixFactorizationTrainer(MatrixFactorizationTrainer.Options.defaults())
                .fit(split.train(), data.catalog()), evaluation.withRatingErrors(), data);
        ServedModel bpr = served("bpr", new BprTrainer(BprTrainer.Options.defaults()).fit(split.train(), data.catalog()),
                evaluation, data);
        RecommendationService service = new RecommendationService(List.of(mf, bpr), null);
        assertThat(service.model(null).name()).as("the ranking model records NDCG@10; mf records none").isEqualTo("bpr");

        // CPU seconds of the whole process (t-SNE's threads, nearly all of it): what the map costs on a busy machine.
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        Payloads.EmbeddingMapView tsne = service.map(bpr, "tsne");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("t-SNE map of %d items in %.1f s (%.1f s of CPU) on %d processors%n", tsne.total(), seconds,
                (os.getProcessCpuTime() - cpuStart) / 1e9, Runtime.getRuntime().availableProcessors());
        assertThat(tsne.total()).isEqualTo(EmbeddingMap.TSNE_ITEMS);

        try (EmbedrecServer server = EmbedrecServer.start(service, ServerOptions.defaults(0))) {
            ChromeDriver driver = BrowserTest.chromium(tmp.resolve("profile"));
            try {
                driver.manage().window().setSize(new Dimension(1400, 1500));
                driver.get("http://127.0.0.1:" + server.port() + "/");
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                wait.ignoring(StaleElementReferenceException.class);
                wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
                assertThat(driver.findElement(By.id("default-reason")).getText()).contains("NDCG@10");

                driver.findElement(By.id("user-input")).sendKeys("414");
                driver.findElement(By.id("user-show")).click();
                wait.until(d -> d.findElements(By.cssSelector("#user-recs li .title")).size() == 10);
                assertThat(driver.findElement(By.cssSelector("#user-recs li .score")).getText()).startsWith("ranking score ");
                WebElement query = driver.findElement(By.id("similar-query"));
                query.sendKeys("Alien");
                driver.findElement(By.id("similar-search")).click();
                wait.until(d -> d.findElements(By.cssSelector("#similar-list li .title")).size() == 10);
                BrowserTest.rate(driver, wait, "Toy Story", 5);
                BrowserTest.rate(driver, wait, "Finding Nemo", 4);
                wait.until(d -> d.findElements(By.cssSelector("#visitor-recs li .title")).size() == 10);
                driver.executeScript("window.scrollTo(0, 0);");
                save(driver, "real-page-1400.png");

                WebElement section = driver.findElement(By.id("map-section"));
                new Select(driver.findElement(By.id("map-method"))).selectByValue("tsne");
                wait.until(d -> "ready".equals(section.getAttribute("data-state"))
                        && d.findElement(By.id("map-note")).getText().startsWith("t-SNE of"));
                driver.findElement(By.id("map-search")).sendKeys("star wars");
                wait.until(d -> Integer.parseInt(d.findElement(By.id("map")).getAttribute("data-highlighted")) >= 3);
                driver.executeScript("arguments[0].scrollIntoView();", section);
                save(section, "real-explorer-1400.png");

                driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                        Map.of("width", 375, "height", 1100, "deviceScaleFactor", 1, "mobile", true));
                driver.navigate().refresh();
                wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
                driver.findElement(By.id("user-input")).sendKeys("414");
                driver.findElement(By.id("user-show")).click();
                wait.until(d -> d.findElements(By.cssSelector("#user-recs li .title")).size() == 10);
                Map<?, ?> sizes = (Map<?, ?>) driver.executeScript("const e = document.documentElement;"
                        + " return {scroll: e.scrollWidth, client: e.clientWidth};");
                assertThat(((Number) sizes.get("scroll")).intValue()).isLessThanOrEqualTo(((Number) sizes.get("client")).intValue());
                driver.executeScript("document.activeElement.blur(); window.scrollTo(0, 0);");
                save(driver, "real-page-375.png");
            } finally {
                driver.quit();
            }
        }
    }
}
