package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in headless Chromium (Debian's chromium and chromium-driver) against the fixture
 * model: choose a user and see recommendations, search "Alien" and see similar movies, rate three
 * movies and see recommendations. Leaves {@code target/browser/page.png} as an artifact. Skipped
 * without Chromium, except under CI (environment variable {@code CI} set), where it fails.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Markup that sets {@code window.__xss} if the page ever parses a title as HTML. */
    static final String HOSTILE_TITLE = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> (1986)";
    static final String HOSTILE_GENRE = "<img src=x onerror=\"window.__xss=3\">";

    static void assumeChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            fail("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        }
        assumeTrue(present, "headless Chromium not installed: browser test skipped");
    }

    @Test
    void hostileTitlesAndGenresAreShownAsTextAndNeverRun(@TempDir Path tmp) throws Exception {
        assumeChromium();
        Path mapFile = tmp.resolve("map.csv");
        Files.writeString(mapFile, "item,x,y\n1,0,0\n2,0.2,0.1\n3,2,2\n");
        MatrixFactorizationModel hostile = ServerFixtures.model(HOSTILE_TITLE, HOSTILE_GENRE);
        EmbeddingMap map = EmbeddingMap.read(mapFile, hostile.catalog());
        RecommendationService service = new RecommendationService(List.of(ServerFixtures.served(hostile)), map);
        try (EmbedrecServer server = EmbedrecServer.start(service, ServerOptions.defaults(0))) {
            WebDriver driver = chromium(tmp.resolve("profile"));
            try {
                driver.get("http://127.0.0.1:" + server.port() + "/");
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                wait.ignoring(StaleElementReferenceException.class);
                wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
                WebElement minRatings = driver.findElement(By.id("min-ratings"));
                minRatings.clear();
                minRatings.sendKeys("0");

                // The hostile item in every list the page draws: recommendations, search, similar
                // items, "because you liked", a visitor's rated list.
                driver.findElement(By.id("user-input")).sendKeys("10");
                driver.findElement(By.id("user-show")).click();
                assertThat(titles(wait, "user-recs").get(0)).isEqualTo(HOSTILE_TITLE);
                driver.findElement(By.id("similar-query")).sendKeys("script");
                driver.findElement(By.id("similar-search")).click();
                wait.until(d -> d.findElement(By.id("similar-title")).getText().equals("Similar to " + HOSTILE_TITLE));
                assertThat(titles(wait, "similar-list").get(0)).isEqualTo("Alien (1979)");
                driver.findElement(By.id("user-input")).clear();
                driver.findElement(By.id("user-input")).sendKeys("30");
                driver.findElement(By.id("user-show")).click();
                wait.until(d -> d.findElements(By.cssSelector("#user-top li .title")).stream()
                        .anyMatch(title -> title.getText().equals(HOSTILE_TITLE)));
                rate(driver, wait, "script", 5);
                wait.until(d -> d.findElements(By.cssSelector("#visitor-rated li")).size() == 1);
                assertThat(driver.findElement(By.id("visitor-rated")).getText()).contains(HOSTILE_TITLE);
                assertThat(driver.getPageSource()).contains(HOSTILE_GENRE.replace("<", "&lt;").replace(">", "&gt;"));

                Object xss = ((JavascriptExecutor) driver).executeScript("return window.__xss === undefined ? null : window.__xss;");
                assertThat(xss).as("window.__xss: a title or genre ran as script").isNull();
                assertThat(driver.findElements(By.cssSelector("main img, ul img, ol img, li img"))).isEmpty();
            } finally {
                driver.quit();
            }
        }
    }

    @Test
    void aVisitorExploresThePage(@TempDir Path tmp) throws Exception {
        assumeChromium();
        Path mapFile = tmp.resolve("map.csv");
        Files.writeString(mapFile, "item,x,y\n1,0,0\n2,0.2,0.1\n3,2,2\n4,2.1,1.8\n5,1,-1\n");
        EmbeddingMap map = EmbeddingMap.read(mapFile, ServerFixtures.model().catalog());
        try (EmbedrecServer server = EmbedrecServer.start(ServerFixtures.service(map), ServerOptions.defaults(0))) {
            WebDriver driver = chromium(tmp.resolve("profile"));
            try {
                driver.get("http://127.0.0.1:" + server.port() + "/");
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                // Lists are rebuilt on every answer, so an element found a moment ago may be gone.
                wait.ignoring(StaleElementReferenceException.class);
                wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));

                // The fixture's items have one or two ratings each: show them all.
                WebElement minRatings = driver.findElement(By.id("min-ratings"));
                minRatings.clear();
                minRatings.sendKeys("0");
                driver.findElement(By.id("user-input")).sendKeys("10");
                driver.findElement(By.id("user-show")).click();
                List<String> recommended = titles(wait, "user-recs");
                assertThat(recommended.get(0)).isEqualTo("Aliens (1986)");
                assertThat(titles(wait, "user-top")).containsExactly("Alien (1979)");
                assertThat(driver.findElement(By.cssSelector("#user-recs li .because")).getText())
                        .isEqualTo("because you liked Alien (1979)");

                driver.findElement(By.id("similar-query")).sendKeys("Alien");
                driver.findElement(By.id("similar-search")).click();
                assertThat(titles(wait, "similar-list").get(0)).isEqualTo("Aliens (1986)");
                assertThat(driver.findElement(By.id("similar-title")).getText()).isEqualTo("Similar to Alien (1979)");

                rate(driver, wait, "Toy Story", 5);
                rate(driver, wait, "Nemo", 5);
                rate(driver, wait, "Heat", 1);
                wait.until(d -> d.findElements(By.cssSelector("#visitor-rated li")).size() == 3);
                wait.until(d -> d.findElements(By.cssSelector("#visitor-recs li .title")).size() == 2);
                // Liking the two family films and disliking Heat ranks Alien and Aliens, the rest.
                assertThat(titles(wait, "visitor-recs")).containsExactlyInAnyOrder("Alien (1979)", "Aliens (1986)");

                assertThat(driver.findElement(By.id("map-section")).isDisplayed()).isTrue();
                Path screenshot = Path.of("target", "browser", "page.png");
                Files.createDirectories(screenshot.getParent());
                File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(screenshot)).isGreaterThan(1000);
            } finally {
                driver.quit();
            }
        }
    }

    static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1280,1600", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Finds {@code query} in the visitor's search and gives its first match {@code stars}. */
    static void rate(WebDriver driver, WebDriverWait wait, String query, int stars) {
        WebElement box = driver.findElement(By.id("visitor-query"));
        box.clear();
        box.sendKeys(query);
        driver.findElement(By.id("visitor-search")).click();
        wait.until(d -> d.findElement(By.cssSelector("#visitor-results li .title")).getText().contains(query));
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#visitor-results li button[data-rating='" + stars + "']"))).click();
    }

    static List<String> titles(WebDriverWait wait, String listId) {
        By selector = By.cssSelector("#" + listId + " li .title");
        wait.until(ExpectedConditions.presenceOfElementLocated(selector));
        return wait.until(d -> d.findElements(selector)).stream().map(WebElement::getText).toList();
    }
}
