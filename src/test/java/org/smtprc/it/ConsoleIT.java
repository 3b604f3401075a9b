package org.smtprc.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.io.File;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (headless Chromium from the OS packages, driven by Selenium) against the shared test
 * server and a lab on 127.0.83.0/24: an operator starts a scan from the form, watches it reach 100%, opens a proven
 * relay's evidence and the CSV; a bad field's error shows next to it and creates nothing; stop and restart work; a
 * hostile banner stays text; a viewer sees no operator controls; a request without the API's header is refused; a
 * click on a column header sorts a scan's hosts across pages (a lab on 127.0.85.0/27); and the browser asks nothing of
 * any address but the test server's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final String RELAY = "127.0.83.1";
    private static final String HOSTILE = "127.0.83.2";
    private static final String CLOSED = "127.0.83.3";
    private static final String SILENT = "127.0.83.10";
    /** The block whose hosts the sorting test lists, 127.0.85.0/27. */
    private static final String SORTED = "127.0.85.";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static ChromeDriver browser;
    private static final List<String> requested = new ArrayList<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    private Lab lab;

    @BeforeAll
    static void setUp() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        openBrowser();
    }

    private static void openBrowser() {
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--disable-default-apps", "--no-proxy-server");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void cleanUp() {
        if (lab != null) {
            lab.close();
        }
        // Every request the browser made in this test, from its DevTools log: to the test server only.
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = Json.createReader(new StringReader(entry.getMessage())).readObject()
                    .getJsonObject("message");
            if (message.getString("method").equals("Network.requestWillBeSent")) {
                requested.add(message.getJsonObject("params").getJsonObject("request").getString("url"));
            }
        }
        // By scheme, host and port: the first page is opened with the login in its URL (user:password@host).
        assertThat(base.getHost()).isEqualTo("127.0.0.1");
        assertThat(requested).isNotEmpty().allSatisfy(url -> {
            URI requestedUri = URI.create(url);
            assertThat(requestedUri.getScheme()).as(url).isEqualTo(base.getProtocol());
            assertThat(requestedUri.getHost()).as(url).isEqualTo(base.getHost());
            assertThat(requestedUri.getPort()).as(url).isEqualTo(base.getPort());
        });
        requested.clear();
    }

    @Test
    @Order(1)
    void anOperatorStartsAScanFromTheFormAndFollowsItToTheEvidence() throws Exception {
        lab = labDeliveringHere().host(RELAY, Personality.OPEN_RELAY).host(HOSTILE, Personality.HOSTILE)
                .host(CLOSED, Personality.CLOSED).start();
        logIn(TestUsers.OPERATOR, "console/");
        type("targets", RELAY + "-" + CLOSED);
        type("ports", SmtpRcDeployment.LAB_PORT);
        type("confirmationWindowMs", "5000");
        type("connectTimeoutMs", "2000");
        browser.findElement(By.id("start-button")).click();

        wait(WAIT).until(ExpectedConditions.urlContains("view=scan&id="));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*id=", ""));
        wait(WAIT).until(ExpectedConditions.textToBe(By.cssSelector("dd[data-term=Status]"), "COMPLETED"));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".percent"), "100%"));
        JsonObject scanJson = api(TestUsers.OPERATOR).scan(id);
        // JSON-B's ISO-8601 text, not Jackson's seconds: Flyway's Jackson annotations must not switch the provider
        assertThat(scanJson.get("createdAt").getValueType()).isEqualTo(jakarta.json.JsonValue.ValueType.STRING);
        JsonObject counts = scanJson.getJsonObject("counts");
        assertThat(counts.keySet()).contains("CONFIRMED_RELAY", "SECURED");
        counts.forEach((verdict, n) -> assertThat(count(verdict)).as(verdict).isEqualTo(n.toString()));
        assertThat(browser.findElements(By.cssSelector("#blocks tbody tr"))).isNotEmpty();
        // the API's instants are seconds since 1970: shown as today's date, not as some day in January 1970
        assertThat(browser.findElement(By.cssSelector("dd[data-term=Created]")).getText())
                .startsWith(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        screenshot("scan");

        // The CSV behind the link, fetched by the browser with its login.
        String csv = fetch(browser.findElement(By.id("csv")).getAttribute("href"), Map.of());
        assertThat(csv).startsWith("200 ").contains(RELAY, HOSTILE, CLOSED);

        // The proven relay's evidence, through the verdict filter.
        browser.findElement(By.linkText("CONFIRMED_RELAY")).click();
        wait(WAIT).until(ExpectedConditions.urlContains("verdict=CONFIRMED_RELAY"));
        wait(WAIT).until(ExpectedConditions.elementToBeClickable(By.linkText(RELAY)));
        assertThat(browser.findElements(By.cssSelector("#hosts td.verdict"))).isNotEmpty()
                .allSatisfy(verdict -> assertThat(verdict.getText()).isEqualTo("CONFIRMED_RELAY"));
        browser.findElement(By.linkText(RELAY)).click();
        wait(WAIT).until(ExpectedConditions.textToBe(By.cssSelector("dd[data-term=Verdict]"), "CONFIRMED_RELAY"));
        assertThat(browser.findElements(By.cssSelector("pre.received-headers"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("pre.anonymity-reasoning"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("pre.transcript")).getText()).contains("RCPT TO");
        screenshot("relay");

        // The hostile host's banner is shown as the text it is: no element made of it, no script run.
        browser.get(base + "console/?view=scan&id=" + id);
        wait(WAIT).until(ExpectedConditions.elementToBeClickable(By.linkText(HOSTILE))).click();
        WebElement banner = wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("dd[data-term=Banner]")));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElement(banner, "onerror"));
        assertThat(banner.getText()).contains("<img src=x onerror=alert(2)>", "<script>alert(1)</script>");
        assertThat(browser.findElements(By.cssSelector("main img, main script"))).isEmpty();
        assertThat(alertShown()).isFalse();
        screenshot("hostile-host");

        // A request from this operator's session without the API's header is refused, and changes nothing.
        String forged = fetch(base + "api/scans/" + id + "/restart", Map.of("method", "POST"));
        assertThat(forged).startsWith("403 ").contains("cross-site-request");
        assertThat(api(TestUsers.OPERATOR).scan(id).getString("status")).isEqualTo("COMPLETED");
    }

    @Test
    @Order(2)
    void aFormErrorAppearsNextToItsFieldAndCreatesNothing() throws Exception {
        int before = api(TestUsers.OPERATOR).get("api/scans?limit=1000").array().size();
        logIn(TestUsers.OPERATOR, "console/");
        type("targets", "127.0.83.20");
        type("ports", "25,99999");
        assertThat(refusalShownAt("ports")).contains("99999");
        screenshot("form-error");

        type("ports", "25");
        type("targets", "192.0.2.1");
        assertThat(refusalShownAt("targets")).contains("authorised networks");
        assertThat(browser.getCurrentUrl()).endsWith("console/");
        assertThat(api(TestUsers.OPERATOR).get("api/scans?limit=1000").array()).hasSize(before);
    }

    @Test
    @Order(3)
    void anOperatorStopsARunningScanAndRestartsIt() throws Exception {
        lab = labDeliveringHere().hosts(SILENT + "/31", Personality.SILENT).start();
        long id = api(TestUsers.OPERATOR).startScan("{\"targets\": \"" + SILENT + "/31\", \"ports\": \""
                + SmtpRcDeployment.LAB_PORT + "\", \"options\": {\"commandTimeoutMs\": 4000, \"hostBudgetMs\": 8000,"
                + " \"confirmationWindowMs\": 0, \"partitions\": 1, \"chunkSize\": 1}}");
        logIn(TestUsers.OPERATOR, "console/");
        By stop = By.cssSelector("tr[data-scan='" + id + "'] button.stop");
        wait(WAIT).until(ExpectedConditions.elementToBeClickable(stop));
        screenshot("scans");
        browser.findElement(stop).click();
        By restart = By.cssSelector("tr[data-scan='" + id + "'] button.restart");
        wait(WAIT).until(ExpectedConditions.elementToBeClickable(restart)).click();
        wait(WAIT).until(ExpectedConditions.attributeToBe(By.cssSelector("tr[data-scan='" + id + "']"),
                "data-status", "COMPLETED"));
        List<String> actions = api(TestUsers.OPERATOR).get("api/audit?scan=" + id).array().stream()
                .map(a -> a.asJsonObject().getString("action")).toList();
        assertThat(actions).contains("SCAN_STOPPED", "SCAN_RESTARTED");
    }

    @Test
    @Order(4)
    void aViewerSeesNoOperatorControlsAndTheServerRefusesTheirRequests() throws Exception {
        long id = api(TestUsers.OPERATOR).get("api/scans?limit=1").array().getJsonObject(0)
                .getJsonNumber("id").longValue();
        // A browser of its own: it would go on sending the operator's cached login, as browsers do.
        browser.quit();
        openBrowser();
        logIn(TestUsers.VIEWER, "console/");
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#scans tbody tr")));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), "viewer"));
        assertThat(browser.findElements(By.id("start-form"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button.stop, button.restart"))).isEmpty();
        browser.get(base + "console/?view=scan&id=" + id);
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#counts tbody tr")));
        assertThat(browser.findElements(By.cssSelector("#actions, button.stop, button.restart"))).isEmpty();
        browser.get(base + "console/?view=records&of=scope");
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#records td")));
        assertThat(browser.findElements(By.id("scope-form"))).isEmpty();

        // Forged as the console would send it, header and all: the viewer's login may not act.
        int before = api(TestUsers.OPERATOR).get("api/scans?limit=1000").array().size();
        String start = fetch(base + "api/scans", Map.of("method", "POST", "json",
                "{\"targets\": \"127.0.83.30\", \"ports\": \"2525\"}"));
        assertThat(start).startsWith("403 ");
        assertThat(fetch(base + "api/scans/" + id + "/restart", Map.of("method", "POST", "header", "1")))
                .startsWith("403 ");
        assertThat(api(TestUsers.OPERATOR).get("api/scans?limit=1000").array()).hasSize(before);
    }

    @Test
    @Order(5)
    void theConsoleIsServedUnderAStrictContentSecurityPolicyAndALogin() throws Exception {
        ScanApi.Reply page = api(TestUsers.VIEWER).get("console/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(api(null).get("console/index.html").status()).isEqualTo(401);
        var headers = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(base + "console/scans.js")).header("Authorization", basic(TestUsers.VIEWER)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).headers();
        assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        // Every script and style of the console comes from its own files, none inline.
        logIn(TestUsers.VIEWER, "console/?view=records&of=audit");
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#records tbody tr")));
        screenshot("audit");
        assertThat(browser.findElements(By.cssSelector("script:not([src]), style, [style]"))).isEmpty();
    }

    @Test
    @Order(6)
    void clickingAColumnHeaderSortsTheWholeListOnTheServer() throws Exception {
        // 32 endpoints: two closed servers at the end of the block, 30 refused addresses before them
        lab = labDeliveringHere().hosts(SORTED + "30/31", Personality.CLOSED).start();
        ScanApi operator = api(TestUsers.OPERATOR);
        long id = operator.startScan("{\"targets\": \"" + SORTED + "0/27\", \"ports\": \"" + SmtpRcDeployment.LAB_PORT
                + "\", \"options\": {\"recordUnresponsive\": true, \"confirmationWindowMs\": 0}}");
        assertThat(operator.awaitEnd(id, WAIT, false).getString("status")).isEqualTo("COMPLETED");
        logIn(TestUsers.VIEWER, "console/?view=scan&id=" + id);
        // As a browser's own login dialog leaves it: the page's URL without the login (the browser keeps it for
        // the server), so that the page can put the order into its URL.
        browser.get(base + "console/?view=scan&id=" + id);
        // the report's order: the secured hosts first, then the refused ones by address
        awaitAddresses(SORTED + "30", SORTED + "31", SORTED + "0", SORTED + "1");

        browser.findElement(By.cssSelector("#hosts th[data-sort=address]")).click();
        List<String> firstPage = awaitAddresses(SORTED + "0", SORTED + "1", SORTED + "2", SORTED + "3");
        assertThat(firstPage).hasSize(25).endsWith(SORTED + "24").doesNotContain(SORTED + "30", SORTED + "31");
        assertThat(browser.getCurrentUrl()).contains("sort=address");
        browser.findElement(By.id("next")).click();
        assertThat(awaitAddresses(SORTED + "25")).containsExactly(IntStream.rangeClosed(25, 31)
                .mapToObj(i -> SORTED + i).toArray(String[]::new));

        // a second click reverses the whole list, back on the first page; the URL keeps the order for a reload
        browser.findElement(By.cssSelector("#hosts th[data-sort=address]")).click();
        awaitAddresses(SORTED + "31", SORTED + "30", SORTED + "29");
        assertThat(browser.findElement(By.id("page")).getText()).isEqualTo("1-25");
        browser.navigate().refresh();
        awaitAddresses(SORTED + "31", SORTED + "30", SORTED + "29");
        assertThat(browser.findElement(By.cssSelector("#hosts th[data-sort=address]")).getAttribute("aria-sort"))
                .isEqualTo("descending");
        screenshot("hosts-sorted");
    }

    /** Waits until the hosts table starts with these addresses; answers all its addresses. */
    private static List<String> awaitAddresses(String... first) {
        By cells = By.cssSelector("#hosts tbody tr td:first-child");
        try {
            return wait(WAIT).ignoring(StaleElementReferenceException.class).until(driver -> {
                List<String> shown = driver.findElements(cells).stream().map(WebElement::getText).toList();
                return shown.size() >= first.length && shown.subList(0, first.length).equals(List.of(first)) ? shown
                        : null;
            });
        } catch (org.openqa.selenium.TimeoutException notSo) {
            throw new AssertionError("expected the hosts to start with " + List.of(first) + " at "
                    + browser.getCurrentUrl() + "; shown: " + browser.findElements(cells).stream()
                    .map(WebElement::getText).toList() + "; message: "
                    + browser.findElement(By.id("message")).getText(), notSo);
        }
    }

    private static String basic(TestUsers.User user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user.name() + ":" + user.password())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private ScanApi api(TestUsers.User user) throws Exception {
        return new ScanApi(base.toURI(), user);
    }

    private static Lab.Builder labDeliveringHere() throws Exception {
        return Lab.builder().port(Integer.parseInt(SmtpRcDeployment.LAB_PORT)).deliverTo(new InetSocketAddress(
                InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), SmtpRcDeployment.RECEIVER_PORT));
    }

    /** Logs in with HTTP Basic: credentials in the first URL, which the browser then keeps for the site. */
    private void logIn(TestUsers.User user, String page) {
        browser.get(base.getProtocol() + "://" + user.name() + ":" + user.password() + "@" + base.getHost() + ":"
                + base.getPort() + base.getPath() + page);
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), user.name()));
    }

    private static void type(String field, String value) {
        WebElement input = browser.findElement(By.name(field));
        input.clear();
        input.sendKeys(value);
    }

    /** Submits the start form; answers the error shown next to the field, and checks that no other field has one. */
    private static String refusalShownAt(String field) {
        browser.findElement(By.id("start-button")).click();
        WebElement error = wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".field-error[data-field='" + field + "']")));
        assertThat(browser.findElements(By.cssSelector(".field-error:not([data-field='" + field + "'])")))
                .allSatisfy(other -> assertThat(other.getText()).isEmpty());
        return error.getText();
    }

    private static String count(String verdict) {
        return wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#counts tr[data-verdict=" + verdict + "] td.count"))).getText();
    }

    /**
     * A request made by the page itself with its login: {@code method}, a {@code json} body, and the API's
     * {@code header} when asked. Answers "status body".
     */
    private static String fetch(String url, Map<String, String> how) {
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                const [url, how, done] = arguments;
                const headers = {};
                if (how.json) { headers['Content-Type'] = 'application/json'; }
                if (how.header) { headers['X-SmtpRC-Request'] = how.header; }
                fetch(url, { method: how.method || 'GET', headers, body: how.json, credentials: 'same-origin' })
                  .then(async r => done(r.status + ' ' + await r.text()), e => done('failed ' + e));
                """, url, how);
        return String.valueOf(answer);
    }

    private static boolean alertShown() {
        try {
            browser.switchTo().alert();
            return true;
        } catch (NoAlertPresentException none) {
            return false;
        }
    }

    private static WebDriverWait wait(Duration limit) {
        return new WebDriverWait(browser, limit, Duration.ofMillis(200));
    }

    private static void screenshot(String name) throws Exception {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
