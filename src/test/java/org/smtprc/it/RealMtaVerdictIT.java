package org.smtprc.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.mta.MtaInstance;
import org.smtprc.mta.MtaPersonality;
import org.smtprc.mta.RealMtaLab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One scan, through the REST API of the real WildFly, of real mail servers from the OS packages ({@link RealMtaLab}:
 * Postfix, Exim, postgrey on 127.0.4.1-10 port 25), every one of them delivering its outbound mail (relayed probe
 * mail and bounces alike) to the server's own in-app receiver: a relay is proven by the product's whole proof path
 * (token, JMS, MDB, ledger), never by the test. Each test method checks one server's verdict and evidence.
 *
 * <p>Needs root (Postfix binds port 25 on addresses it adds to lo); skipped otherwise. The lab is started once for
 * the class and closed afterwards, which must leave no process, address or listener behind.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RealMtaVerdictIT {

    /** Our EHLO name on the test server (arquillian.xml). */
    private static final String HELO = "scanner.smtprc.test";
    /** Relay-test forms that route through the local part: the loophole gateway's families. */
    private static final Pattern ROUTING_FORM = Pattern.compile(".*(percent|bang|quoted|double-at).*");

    /** The scan's options, chosen for this lab (see the values' comments). */
    private static final String SCAN_OPTIONS = """
            {"connectTimeoutMs": 2000,
             "commandTimeoutMs": 10000,
             "hostBudgetMs": 90000,
             "confirmationWindowMs": 20000,
             "greylistRetryMs": %d,
             "partitions": 2}""".formatted(RealMtaLab.greylistDelay().toMillis() + 1500);
    // commandTimeoutMs: above the slow banner's 4 s (postscreen_greet_wait) and Postfix's 1 s error sleeps.
    // hostBudgetMs: room for the slow banner on every reconnect and Postfix's error sleeps after 10 refusals.
    // confirmationWindowMs: Postfix and Exim deliver at once and retry every 2-4 s (lab settings); the window only
    // runs out for the host whose test never comes back (the bounce), and mail is waited for at most this long.
    // greylistRetryMs: just above postgrey's delay, counted from the end of the probing step.

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    private static RealMtaLab lab;
    private static String loopbackBefore;
    private static Scanned scanned;

    /** The one scan of the class, its hosts by address, and how long it took. */
    private record Scanned(long id, JsonObject scan, Map<String, JsonObject> hosts, Duration took) {
    }

    @BeforeAll
    static void startLab() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "RealMtaLab needs root");
        RealMtaLab.installIfMissing();
        loopbackBefore = loopbackAddresses();
        Map<String, MtaPersonality> personalities = new LinkedHashMap<>();
        for (MtaPersonality p : List.of(MtaPersonality.POSTFIX_OPEN, MtaPersonality.POSTFIX_CLOSED,
                MtaPersonality.POSTFIX_LOOPHOLE_GATEWAY, MtaPersonality.POSTFIX_AUTH_TLS,
                MtaPersonality.POSTFIX_GREYLIST, MtaPersonality.POSTFIX_SLOW_BANNER, MtaPersonality.POSTFIX_ANONYMOUS,
                MtaPersonality.POSTFIX_ACCEPT_THEN_BOUNCE, MtaPersonality.EXIM_OPEN, MtaPersonality.EXIM_CLOSED)) {
            personalities.put(p.defaultName(), p);
        }
        InetSocketAddress receiver = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                SmtpRcDeployment.RECEIVER_PORT);
        lab = new RealMtaLab(receiver, Path.of("target", "mta-lab"), personalities);
        System.out.println("RealMtaVerdictIT: lab of " + personalities.size() + " real MTAs started in "
                + lab.startupTime().toMillis() + " ms, delivering to " + receiver);
        for (MtaInstance i : lab.instances()) {
            System.out.println("  " + i + ", log " + i.logFile());
        }
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (lab == null) {
            return;
        }
        List<ProcessHandle> processes = lab.processes();
        List<InetSocketAddress> listeners = lab.listeners();
        Path directory = lab.directory();
        assertThat(processes).as("the lab's processes while it runs").isNotEmpty();
        lab.close();
        lab = null;
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // reported just below
            }
            assertThat(p.isAlive()).as("lab process still running: %d %s", p.pid(), p.info()).isFalse();
        }
        assertThat(loopbackAddresses()).as("addresses on lo").isEqualTo(loopbackBefore);
        for (InetSocketAddress l : listeners) {
            assertThat(listening(l)).as("something still listens on %s", l).isFalse();
        }
        if (!Boolean.getBoolean("smtprc.mta.keep")) {
            assertThat(directory).as("lab directory").doesNotExist();
        }
    }

    /** Starts the class's one scan on first use; the tests then read its outcome. */
    private synchronized Scanned scanned() throws Exception {
        if (scanned != null) {
            return scanned;
        }
        ScanApi api = api();
        List<MtaInstance> all = new ArrayList<>(lab.instances());
        String first = all.getFirst().address().getHostString();
        String last = all.getLast().address().getHostString();
        long started = System.nanoTime();
        long id = api.startScan("""
                {"targets": "%s-%s", "ports": "25", "profile": "full", "options": %s}"""
                .formatted(first, last, SCAN_OPTIONS));
        JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(4), true);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Map<String, JsonObject> hosts = hosts(api, id);
        System.out.println("RealMtaVerdictIT: scan " + id + " " + scan.getString("status") + " after "
                + took.toMillis() + " ms; counts " + scan.getJsonObject("counts"));
        for (MtaInstance i : all) {
            JsonObject h = hosts.get(i.address().getHostString());
            System.out.println("  " + i.name() + " " + i.address().getHostString() + ": "
                    + (h == null ? "(no row)" : h.getString("verdict") + " in " + text(h, "durationMs") + " ms - "
                    + text(h, "detail")));
        }
        scanned = new Scanned(id, scan, hosts, took);
        assertThat(scan.getString("status")).as("scan %d", id).isEqualTo("COMPLETED");
        return scanned;
    }

    private ScanApi api() throws Exception {
        return new ScanApi(base.toURI(), TestUsers.OPERATOR);
    }

    private static Map<String, JsonObject> hosts(ScanApi api, long id) {
        Map<String, JsonObject> hosts = new LinkedHashMap<>();
        for (JsonObject h : api.get("api/scans/" + id + "/hosts?limit=100").array().getValuesAs(JsonObject.class)) {
            hosts.put(h.getString("address"), h);
        }
        return hosts;
    }

    /** The host's row, read afresh (late proof and bounce notes change it after the scan). */
    private JsonObject host(MtaPersonality personality) throws Exception {
        Scanned s = scanned();
        String address = lab.instance(personality).address().getHostString();
        JsonObject host = hosts(api(), s.id()).get(address);
        assertThat(host).as("a row for %s (%s)", address, personality).isNotNull();
        assertThat(host.getInt("port")).isEqualTo(25);
        return host;
    }

    // --- the relays -------------------------------------------------------------------------------------------

    @Test
    void postfixOpenIsAConfirmedRelayThatShowsWhereTheMailCameFrom() throws Exception {
        JsonObject host = host(MtaPersonality.POSTFIX_OPEN);
        assertThat(host.getString("verdict")).as(describe(host)).isEqualTo("CONFIRMED_RELAY");
        assertThat(text(host, "banner")).contains(lab.instance(MtaPersonality.POSTFIX_OPEN).hostname(), "Postfix");
        JsonObject proof = confirmedTest(host);
        assertThat(proof.getBoolean("anonymous")).as("anonymous, %s", text(proof, "anonymityReasoning")).isFalse();
        assertThat(relayTrace(proof)).as("the relay's own Received header names us")
                .anyMatch(r -> r.startsWith("Received: from " + HELO)
                        && r.contains("by " + lab.instance(MtaPersonality.POSTFIX_OPEN).hostname() + " (Postfix)"));
    }

    @Test
    void eximOpenIsAConfirmedRelayThatShowsWhereTheMailCameFrom() throws Exception {
        JsonObject host = host(MtaPersonality.EXIM_OPEN);
        assertThat(host.getString("verdict")).as(describe(host)).isEqualTo("CONFIRMED_RELAY");
        assertThat(text(host, "banner")).contains("Exim");
        JsonObject proof = confirmedTest(host);
        assertThat(proof.getBoolean("anonymous")).as("anonymous, %s", text(proof, "anonymityReasoning")).isFalse();
        assertThat(relayTrace(proof)).as("the relay's own Received header names us")
                .anyMatch(r -> r.contains("helo=" + HELO)
                        && r.contains("by " + lab.instance(MtaPersonality.EXIM_OPEN).hostname() + " with "));
    }

    @Test
    void postfixStrippingTraceHeadersIsAnAnonymousRelay() throws Exception {
        JsonObject host = host(MtaPersonality.POSTFIX_ANONYMOUS);
        assertThat(host.getString("verdict")).as(describe(host)).isEqualTo("ANONYMOUS_RELAY");
        JsonObject proof = confirmedTest(host);
        assertThat(proof.getBoolean("anonymous")).isTrue();
        assertThat(text(proof, "anonymityReasoning")).isNotBlank();
        assertThat(relayTrace(proof)).as("trace headers left by the relay (it strips them all)").isEmpty();
        assertThat(text(proof, "receivedHeaders")).as("our receiver's own line names the relay only")
                .contains("Received: from " + lab.instance(MtaPersonality.POSTFIX_ANONYMOUS).hostname());
    }

    @Test
    void loopholeGatewayIsProvenThroughItsRoutingFormsOnly() throws Exception {
        MtaInstance gateway = lab.instance(MtaPersonality.POSTFIX_LOOPHOLE_GATEWAY);
        JsonObject host = host(MtaPersonality.POSTFIX_LOOPHOLE_GATEWAY);
        assertThat(host.getString("verdict")).as(describe(host)).isEqualTo("CONFIRMED_RELAY");
        // it announces its relay domain, so the {name} forms address the domain it relays for
        assertThat(text(host, "banner")).startsWith("220 " + gateway.domain() + " ");
        List<JsonObject> tests = tests(host);
        List<String> accepted = tests.stream().filter(t -> t.getString("outcome").equals("ACCEPTED"))
                .map(t -> t.getString("form")).toList();
        List<String> confirmed = tests.stream().filter(RealMtaVerdictIT::confirmed)
                .map(t -> t.getString("form")).toList();
        System.out.println("loophole gateway: accepted " + accepted + ", confirmed " + confirmed);
        assertThat(accepted).as("accepted forms").isNotEmpty().allMatch(f -> ROUTING_FORM.matcher(f).matches())
                .contains("percent-name", "bang-name", "quoted-percent-name");
        assertThat(confirmed).as("confirmed forms").isNotEmpty().allMatch(f -> ROUTING_FORM.matcher(f).matches());
        JsonObject plain = test(host, "plain");
        assertThat(plain.getString("outcome")).isEqualTo("REJECTED_AT_RCPT");
        assertThat(text(plain, "transcript")).contains("554 5.7.1").contains("Relay access denied");
        assertThat(test(host, "source-route-name").getString("outcome")).isEqualTo("REJECTED_AT_RCPT");
        assertThat(text(host, "detail")).as("the detail names the loophole and says it is proven")
                .startsWith("proven: the probe message of test '").containsPattern(ROUTING_FORM.pattern());
        JsonObject proof = confirmedTest(host);
        assertThat(proof.getBoolean("anonymous")).isFalse();
        assertThat(relayTrace(proof)).as("the gateway's and its hub's Received headers")
                .anyMatch(r -> r.startsWith("Received: from " + HELO) && r.contains("by " + gateway.hostname()))
                .anyMatch(r -> r.contains("by hub." + gateway.domain() + " (Postfix)"));
    }

    @Test
    void greylistingRelayIsConfirmedAfterTheRetry() throws Exception {
        JsonObject host = host(MtaPersonality.POSTFIX_GREYLIST);
        assertThat(host.getString("verdict")).as(describe(host)).isEqualTo("CONFIRMED_RELAY");
        JsonObject proof = confirmedTest(host);
        assertThat(proof.getBoolean("anonymous")).isFalse();
        // the row is the second attempt's: nothing deferred any more
        assertThat(tests(host)).as(describe(host)).noneMatch(t -> t.getString("outcome").equals("TEMPFAIL"));
        // postgrey's own log: the first battery was deferred whole ("new" triplets, and early retries of triplets
        // that several forms share), the retry passed whole
        List<String> policy = Files.readAllLines(lab.greylistLog(), StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.startsWith("action=")).toList();
        int lastGreylisted = lastIndexOf(policy, "action=greylist");
        int firstPassed = policy.indexOf(policy.stream().filter(l -> l.startsWith("action=pass")).findFirst()
                .orElseThrow(() -> new AssertionError("postgrey passed nothing:\n" + String.join("\n", policy))));
        assertThat(lastGreylisted).as("postgrey log:\n%s", String.join("\n", policy)).isLessThan(firstPassed)
                .isGreaterThanOrEqualTo(0);
        String plainTriplet = "sender=relaytest-return@probe.smtprc.invalid, recipient=relaytest@probe.smtprc.invalid";
        assertThat(policy).anyMatch(l -> l.startsWith("action=greylist, reason=new") && l.endsWith(plainTriplet))
                .anyMatch(l -> l.startsWith("action=pass, reason=triplet found") && l.endsWith(plainTriplet));
    }

    private static int lastIndexOf(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    // --- accepted, but returned: no proof ---------------------------------------------------------------------

    @Test
    void acceptThenBounceIsNotConfirmedAndItsBounceIsQuarantined() throws Exception {
        Scanned s = scanned();
        String address = lab.instance(MtaPersonality.POSTFIX_ACCEPT_THEN_BOUNCE).address().getHostString();
        JsonObject bounce = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> bounceFor(s.id(), address), b -> b != null);
        System.out.println("quarantined bounce: " + bounce.getString("reason"));
        assertThat(bounce.getString("reason")).startsWith("bounce");
        assertThat(bounce.getJsonNumber("scanId").longValue()).isEqualTo(s.id());
        assertThat(bounce.getString("address")).isEqualTo(address);
        assertThat(bounce.getInt("port")).isEqualTo(25);
        assertThat(text(bounce, "form")).isNotBlank();

        JsonObject host = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> host(MtaPersonality.POSTFIX_ACCEPT_THEN_BOUNCE),
                        h -> text(h, "detail").toLowerCase().contains("bounce"));
        assertThat(host.getString("verdict")).as(describe(host))
                .isNotIn("CONFIRMED_RELAY", "ANONYMOUS_RELAY").isEqualTo("ACCEPTS_RELAY");
        assertThat(tests(host)).as("no test is confirmed by a bounce").noneMatch(RealMtaVerdictIT::confirmed);
        assertThat(test(host, bounce.getString("form")).getString("outcome")).as("the bounced test")
                .isEqualTo("ACCEPTED");
        assertThat(text(host, "detail")).contains("bounce of test '" + bounce.getString("form") + "'");
    }

    private JsonObject bounceFor(long scanId, String address) throws Exception {
        for (JsonObject q : api().get("api/quarantine").array().getValuesAs(JsonObject.class)) {
            if (q.get("scanId") instanceof jakarta.json.JsonNumber n && n.longValue() == scanId
                    && address.equals(text(q, "address"))) {
                return q;
            }
        }
        return null;
    }

    // --- the refusing servers ---------------------------------------------------------------------------------

    @Test
    void postfixClosedIsSecured() throws Exception {
        assertSecured(host(MtaPersonality.POSTFIX_CLOSED));
    }

    @Test
    void eximClosedIsSecured() throws Exception {
        assertSecured(host(MtaPersonality.EXIM_CLOSED));
    }

    @Test
    void slowBannerIsReadWholeAndTheServerIsSecured() throws Exception {
        JsonObject host = host(MtaPersonality.POSTFIX_SLOW_BANNER);
        String name = lab.instance(MtaPersonality.POSTFIX_SLOW_BANNER).hostname();
        assertThat(text(host, "banner")).as("both banner lines, the second %s later",
                RealMtaLab.slowBannerDelay()).contains("220-" + name).contains("220 " + name);
        assertSecured(host);
    }

    /**
     * Postfix with STARTTLS and AUTH after STARTTLS, relaying for authenticated clients only. Its refusal of a relay
     * test is Postfix's plain "554 5.7.1 ...: Relay access denied", which says nothing about authentication; a
     * server that answers so to everyone is secured as far as strangers go, so SECURED (tests over TLS) is as right
     * as REQUIRES_AUTH. The scanner must in any case have used TLS and seen AUTH offered, and relayed nothing.
     */
    @Test
    void authTlsServerIsSecuredOrRequiresAuthOverTls() throws Exception {
        JsonObject host = host(MtaPersonality.POSTFIX_AUTH_TLS);
        System.out.println("auth-tls: " + describe(host));
        assertThat(host.getString("verdict")).as(describe(host)).isIn("SECURED", "REQUIRES_AUTH");
        assertThat(host.getBoolean("tls")).as("tests ran over TLS").isTrue();
        assertThat(text(host, "capabilities")).contains("AUTH");
        assertThat(tests(host)).noneMatch(t -> t.getString("outcome").equals("ACCEPTED"));
        assertThat(text(test(host, "plain"), "transcript")).contains("Relay access denied");
    }

    private static void assertSecured(JsonObject host) {
        assertThat(host.getString("verdict")).as(describe(host)).isEqualTo("SECURED");
        List<JsonObject> tests = tests(host);
        assertThat(tests).as("all 22 tests of the full battery ran").hasSize(22)
                .allMatch(t -> t.getString("outcome").startsWith("REJECTED_AT_"));
    }

    // --- JSON helpers -----------------------------------------------------------------------------------------

    private static List<JsonObject> tests(JsonObject host) {
        return host.getJsonArray("tests").getValuesAs(JsonObject.class);
    }

    private static JsonObject test(JsonObject host, String form) {
        return tests(host).stream().filter(t -> t.getString("form").equals(form)).findFirst()
                .orElseThrow(() -> new AssertionError("no test '" + form + "' in " + describe(host)));
    }

    private static boolean confirmed(JsonObject test) {
        JsonValue at = test.get("confirmedAt");
        return at != null && at != JsonValue.NULL;
    }

    /** The (first) test whose probe message came back, with its received headers. */
    private static JsonObject confirmedTest(JsonObject host) {
        JsonObject proof = tests(host).stream().filter(RealMtaVerdictIT::confirmed).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmed test: " + describe(host)));
        assertThat(proof.getString("outcome")).isEqualTo("ACCEPTED");
        assertThat(text(proof, "receivedHeaders")).as("received headers of the proof").contains("Received:");
        return proof;
    }

    /**
     * The trace header fields (Received, X-Originating-IP and the like) of a proof's received headers, unfolded,
     * without the line our own receiver added ("by scanner.smtprc.test (SmtpRC receiver)").
     */
    private static List<String> relayTrace(JsonObject proof) {
        List<String> fields = new ArrayList<>();
        for (String line : text(proof, "receivedHeaders").split("\r?\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.getLast() + " " + line.strip());
            } else if (!line.isEmpty()) {
                fields.add(line);
            }
        }
        return fields.stream()
                .filter(f -> f.regionMatches(true, 0, "Received:", 0, 9) || f.regionMatches(true, 0, "X-Originating", 0, 13))
                .filter(f -> !f.contains("by " + HELO + " (SmtpRC receiver)"))
                .toList();
    }

    private static String text(JsonObject o, String field) {
        JsonValue v = o.get(field);
        return v == null || v == JsonValue.NULL ? "" : v instanceof jakarta.json.JsonString s ? s.getString()
                : v.toString();
    }

    /** A host's verdict, detail and each test's outcome, for failure messages. */
    private static String describe(JsonObject host) {
        StringBuilder out = new StringBuilder(host.getString("address") + ": " + host.getString("verdict") + " - "
                + text(host, "detail") + "\n  banner: " + text(host, "banner").replace("\n", " | "));
        for (JsonObject t : tests(host)) {
            out.append("\n  ").append(t.getString("form")).append(' ').append(t.getString("outcome"))
                    .append(confirmed(t) ? " confirmed" : "");
        }
        return out.toString();
    }

    // --- clean-up checks --------------------------------------------------------------------------------------

    private static String loopbackAddresses() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-4", "-o", "addr", "show", "dev", "lo").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private static boolean listening(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
