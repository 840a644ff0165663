package io.cpra.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard, a status page and the badges in a real browser: Debian's headless Chromium
 * driven by Selenium against the assembled distribution with its demo manifest, reads
 * protected by a token. Skipped with a message when Chromium or its driver is absent, unless
 * {@code CPRA_REQUIRE_BROWSER=true} (CI sets it). Screenshots at desktop and phone widths go to
 * {@code target/screenshots/}.
 */
class DashboardBrowserIT {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String TOKEN = "browser-test-token-0123456789";
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Path SHOTS = Path.of("target", "screenshots");

    static Path temp;
    static Distribution cpra;
    static WebDriver driver;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        if (!present) {
            String message = "[cpra tests] SKIPPED DashboardBrowserIT: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing"
                    + " (apt-get install chromium chromium-driver); CPRA_REQUIRE_BROWSER=true makes this a failure (CI sets it)";
            assertThat("true".equals(System.getenv("CPRA_REQUIRE_BROWSER"))).as(message).isFalse();
            System.err.println(message);
            Assumptions.abort(message);
        }
        temp = Files.createTempDirectory("cpra-browser");
        cpra = Distribution.copyTo(temp.resolve("cpra"));
        int port = Distribution.freePort();
        // the demo's self-check watches this server's own port
        Path manifest = cpra.home().resolve("conf/monitors.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("127.0.0.1:8080", "127.0.0.1:" + port));
        cpra.env("CPRA_API_TOKEN", TOKEN).env("CPRA_API_PROTECT_DASH_READS", "true").serveOn(port);
        base = "http://127.0.0.1:" + port;
        // never let Selenium Manager fetch a driver or a browser: both are Debian's
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1366,900", "--lang=en");
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (cpra != null) {
            cpra.kill();
        }
    }

    @AfterEach
    void desktop() {
        if (driver != null) {
            driver.manage().window().setSize(new Dimension(1366, 900));
        }
    }

    @Test
    void withoutATokenTheDashboardSaysReadsAreProtectedAndOffersNoActions() throws Exception {
        open("/");
        js("sessionStorage.clear()");
        driver.navigate().refresh();

        WebElement error = await(By.id("load-error"));
        assertThat(error.getText()).contains("Reads are protected");
        assertThat(driver.findElement(By.id("mode")).getText()).contains("read-only");
        assertThat(driver.findElements(By.cssSelector("button.act"))).isEmpty();
        // the page's own request without the token is refused by the server, not just hidden
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[0]; fetch('/api/v1/monitors/demo-flag/pause', {method: 'POST'}).then(r => done(r.status))");
        assertThat(status).isEqualTo(401L);
        assertThat(cpra.send("GET", "/api/v1/monitors/demo-flag", TOKEN).body()).contains("\"paused\":false");
    }

    @Test
    void withTheTokenTheDashboardShowsTheDemosColoursWithWords() throws Exception {
        signIn();
        open("/#/");
        waiting(WAIT).withMessage("red and green monitors in the overview's counts")
                .until(d -> count(d, "red") >= 1 && count(d, "green") >= 1);
        assertThat(driver.findElement(By.id("mode")).getText()).contains("token set");
        screenshot("overview");

        open("/#/monitors");
        waiting(WAIT).withMessage("the demo's three monitors, one red")
                .until(d -> rows(d).size() >= 3 && rowColours(d).contains("red"));
        assertThat(rowColours(driver)).contains("red", "green");
        // never a colour alone: each row's chip says it in words too (rows may be redrawn live meanwhile)
        waiting(WAIT).withMessage("each colour chip holding its word").until(d -> rows(d).stream().allMatch(row ->
                row.findElement(By.cssSelector(".chip")).getText().contains(row.getAttribute("data-colour"))));
        screenshot("monitors");
    }

    @Test
    void sortingByNameDescendingShowsTheLastNameFirst() throws Exception {
        signIn();
        open("/#/monitors");
        waiting(WAIT).withMessage(() -> "the monitors listed; the page at " + driver.getCurrentUrl() + " shows: "
                + driver.findElement(By.tagName("body")).getText()).until(d -> rows(d).size() >= 3);
        List<String> names = jakarta.json.Json.createReader(new java.io.StringReader(
                        cpraBody("/api/v1/monitors?sort=name&limit=1000"))).readObject()
                .getJsonArray("monitors").getValuesAs(jakarta.json.JsonValue::asJsonObject).stream()
                .map(m -> m.getString("name")).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(3);

        clickSort("name");
        waiting(WAIT).withMessage("sorted by name, ascending: " + names.getFirst() + " first")
                .until(d -> d.getCurrentUrl().contains("order=asc") && names.getFirst().equals(firstRow(d)));
        clickSort("name");
        waiting(WAIT).withMessage("sorted by name, descending: " + names.getLast() + " first")
                .until(d -> d.getCurrentUrl().contains("order=desc") && names.getLast().equals(firstRow(d)));
        WebElement header = await(By.cssSelector("th[aria-sort='descending'] button.sort[data-sort='name']"));
        assertThat(header.getText()).contains("▼");
        screenshot("monitors-sorted");
    }

    /** Clicks a sortable column's header, looking again when the table was redrawn meanwhile. */
    private static void clickSort(String field) {
        waiting(WAIT).until(d -> {
            d.findElement(By.cssSelector("th button.sort[data-sort='" + field + "']")).click();
            return true;
        });
    }

    private static String firstRow(WebDriver d) {
        List<WebElement> found = rows(d);
        return found.isEmpty() ? null : found.get(0).getAttribute("data-monitor");
    }

    @Test
    void aStageChangeArrivesLiveWithoutAReload() throws Exception {
        signIn();
        open("/#/monitors?group=demo");
        waiting(WAIT).until(d -> row(d, "closed-port") != null);
        js("window.cpraMarker = 'same page'");
        await(By.cssSelector("#live.on"));

        HttpResponse<String> maintenance = cpra.send("POST", "/api/v1/monitors/closed-port/maintenance", TOKEN, "{\"for\": \"1h\"}");
        assertThat(maintenance.statusCode()).as(maintenance.body()).isEqualTo(200);
        try {
            waiting(WAIT).withMessage("closed-port's row turning to maintenance over SSE")
                    .until(d -> {
                        WebElement row = row(d, "closed-port");
                        return row != null && "maintenance".equals(row.getAttribute("data-stage"));
                    });
            assertThat(js("return window.cpraMarker")).as("the page was not reloaded").isEqualTo("same page");
            assertThat(row(driver, "closed-port").getText()).contains("gray");
            screenshot("live-maintenance");
        } finally {
            cpra.send("DELETE", "/api/v1/monitors/closed-port/maintenance", TOKEN);
        }
    }

    @Test
    void theActionsPauseAndResumeWithTheToken() throws Exception {
        signIn();
        open("/#/monitor/demo-flag");
        WebElement pause = await(By.cssSelector("button[data-action='pause']"));
        pause.click();
        waiting(WAIT).withMessage("demo-flag paused")
                .until(d -> cpraBody("/api/v1/monitors/demo-flag").contains("\"paused\":true"));
        WebElement resume = await(By.cssSelector("button[data-action='resume']"));
        assertThat(driver.findElement(By.id("monitor-state")).getText()).contains("paused");
        resume.click();
        waiting(WAIT).withMessage("demo-flag resumed")
                .until(d -> cpraBody("/api/v1/monitors/demo-flag").contains("\"paused\":false"));
        await(By.cssSelector("button[data-action='pause']"));
    }

    @Test
    void aMonitorsPageDrawsItsResponseTimeChart() throws Exception {
        signIn();
        open("/#/monitor/closed-port");
        // the page redraws the chart as checks arrive: look the line up afresh each time, never hold an element
        await(By.cssSelector("#recent-chart svg"));
        waiting(WAIT).withMessage("one line in the chart")
                .until(d -> d.findElements(By.cssSelector("#recent-chart svg path.line")).size() == 1);
        waiting(WAIT).until(d -> d.findElements(By.cssSelector("#recent-chart circle")).size() >= 2
                || reload(d));
        waiting(WAIT).withMessage("the line is drawn")
                .until(d -> d.findElement(By.cssSelector("#recent-chart path.line")).getAttribute("d").startsWith("M"));
        screenshot("monitor");
    }

    @Test
    void theHistoryChartDrawsOnceTheServerRecordsHistory() throws Exception {
        int status = cpra.send("GET", "/api/v1/monitors/closed-port/uptime", TOKEN).statusCode();
        if (status == 404) {
            String message = "[cpra tests] SKIPPED in DashboardBrowserIT: the history chart, since this server has no"
                    + " /api/v1/monitors/{name}/uptime (check history not built in); the page says \"no history yet\"";
            System.err.println(message);
            signIn();
            open("/#/monitor/closed-port");
            assertThat(await(By.id("no-history")).getText()).contains("No history yet");
            Assumptions.abort(message);
        }
        signIn();
        open("/#/monitor/closed-port");
        // the history holds closed minutes only: the first one is written about a minute after start
        waiting(Duration.ofSeconds(150)).withMessage("the 24-hour response-time chart")
                .until(d -> !d.findElements(By.cssSelector("#history-chart svg circle")).isEmpty() || reload(d));
        assertThat(driver.findElements(By.cssSelector("#uptime-bars svg rect"))).isNotEmpty();
        screenshot("monitor-history");
    }

    @Test
    void theStatusPageNeedsNoTokenAndShowsNothingPrivate() throws Exception {
        assertThat(cpra.get("/api/v1/monitors").statusCode()).as("reads are protected").isEqualTo(401);
        js("sessionStorage.clear()");
        open("/status/demo");
        waiting(WAIT).withMessage("closed-port down on the status page").until(d -> {
            reload(d);
            return d.getPageSource().contains("closed-port") && d.findElements(By.cssSelector(".overall-down")).size() == 1;
        });
        String page = driver.getPageSource();
        assertThat(page).contains("Demo services", "This server", "demo-flag", "Down");
        assertThat(page).doesNotContain("127.0.0.1", "observe/health", "connection refused", "data/demo-flag", "cpra-self",
                TOKEN);
        screenshot("status-page");
    }

    @Test
    void badgesAreValidSvgAndShieldsDocuments() throws Exception {
        for (String path : List.of("/badge/monitor/cpra-self/status.svg", "/badge/group/demo/status.svg",
                "/badge/monitor/closed-port/response-time.svg", "/badge/group/demo/uptime/24h.svg")) {
            HttpResponse<String> badge = cpra.get(path);
            assertThat(badge.statusCode()).as(path).isEqualTo(200);
            assertThat(badge.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document svg = factory.newDocumentBuilder().parse(new ByteArrayInputStream(badge.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
            assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent()).isNotBlank();
        }
        assertThat(cpra.get("/badge/group/demo/status.json").body()).startsWith("{\"schemaVersion\":1,\"label\":\"demo (2)\"");
        // reads are protected: a monitor no status page shows has no badge, as if it did not exist
        HttpResponse<String> created = cpra.send("POST", "/api/v1/monitors", TOKEN, """
                {"name": "private-one", "pulse_check": {"type": "tcp", "interval": "1m",
                 "config": {"host": "127.0.0.1", "port": 1}}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(cpra.get("/badge/monitor/private-one/status.svg").statusCode()).isEqualTo(404);
        assertThat(cpra.get("/badge/monitor/no-such-monitor/status.svg").statusCode()).isEqualTo(404);
        open("/badge/monitor/cpra-self/status.svg");
        screenshot("badge");
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static void open(String path) {
        driver.get(base + path);
    }

    /** Enters the token through the dashboard's own form, as an operator would. */
    private static void signIn() {
        open("/");
        js("sessionStorage.clear()");
        driver.navigate().refresh();
        await(By.id("token-button")).click();
        driver.findElement(By.id("token-input")).sendKeys(TOKEN);
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        waiting(WAIT).until(d -> d.findElement(By.id("mode")).getText().contains("token set"));
    }

    private static WebElement await(By by) {
        return waiting(WAIT).withMessage(by.toString()).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** A bounded wait that looks again when the page redrew an element it was reading. */
    private static WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static boolean reload(WebDriver d) {
        d.navigate().refresh();
        return false;
    }

    private static long count(WebDriver d, String colour) {
        List<WebElement> counts = d.findElements(By.cssSelector("[data-count='" + colour + "']"));
        return counts.isEmpty() ? -1 : Long.parseLong(counts.get(0).getText().trim());
    }

    private static List<WebElement> rows(WebDriver d) {
        return d.findElements(By.cssSelector("#monitor-rows tr[data-monitor]"));
    }

    private static Set<String> rowColours(WebDriver d) {
        return rows(d).stream().map(r -> r.getAttribute("data-colour")).collect(Collectors.toSet());
    }

    private static WebElement row(WebDriver d, String monitor) {
        List<WebElement> found = d.findElements(By.cssSelector("#monitor-rows tr[data-monitor='" + monitor + "']"));
        return found.isEmpty() ? null : found.get(0);
    }

    private static String cpraBody(String path) {
        try {
            return cpra.send("GET", path, TOKEN).body();
        } catch (Exception e) {
            return "";
        }
    }

    /** Saves the page at desktop (1366x900) and phone (390x844) widths. */
    private static void screenshot(String name) throws Exception {
        for (int[] size : new int[][] {{1366, 900}, {390, 844}}) {
            driver.manage().window().setSize(new Dimension(size[0], size[1]));
            // let the layout settle at the new width before the picture
            new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> "complete".equals(
                    ((JavascriptExecutor) d).executeScript("return document.readyState")));
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SHOTS.resolve(name + "-" + (size[0] > 800 ? "desktop" : "phone") + ".png"), png);
        }
        driver.manage().window().setSize(new Dimension(1366, 900));
    }
}
