package org.smtprc.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal client as an operator runs it: the launcher script {@code target/client/smtprc} as a subprocess against the
 * test server and a small lab (127.0.84.0/24), its output and its exit status for relays found, bad input and a
 * server it cannot reach; a hostile banner's escape sequences reach its output only as visible text.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientIT {

    private static final Path LAUNCHER = Path.of("target/client/smtprc");
    private static final Duration SCAN_LIMIT = Duration.ofMinutes(3);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SmtpRcDeployment.war();
    }

    @ArquillianResource
    URL base;

    private Lab lab;

    record Run(int status, String out, String err) {
    }

    @BeforeEach
    void startLab() throws Exception {
        lab = Lab.builder()
                .port(Integer.parseInt(SmtpRcDeployment.LAB_PORT))
                .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}),
                        SmtpRcDeployment.RECEIVER_PORT))
                .host("127.0.84.1", Personality.OPEN_RELAY)
                .host("127.0.84.2", Personality.HOSTILE)
                .host("127.0.84.3", Personality.CLOSED)
                .start();
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    @Test
    void aWatchedScanShowsProgressThenTheHostsAndExitsOneForProvenRelays() throws Exception {
        Run scan = smtprc(SCAN_LIMIT, "scan", "127.0.84.1-127.0.84.3", "--ports", SmtpRcDeployment.LAB_PORT,
                "--profile", "quick", "--watch");

        assertThat(scan.status()).as(scan.toString()).isEqualTo(1);
        Matcher started = Pattern.compile("scan (\\d+) started: 127\\.0\\.84\\.1-127\\.0\\.84\\.3").matcher(scan.out());
        assertThat(started.find()).as(scan.out()).isTrue();
        long id = Long.parseLong(started.group(1));
        // not a terminal: plain progress lines, no bar, ending at 100%
        assertThat(scan.out()).contains("scan " + id + ": 100%  3/3 endpoints").doesNotContain("\r");
        List<String> table = scan.out().lines().dropWhile(line -> !line.startsWith("VERDICT")).toList();
        assertThat(table).hasSizeGreaterThanOrEqualTo(4);
        assertThat(table.get(0)).matches("VERDICT +ENDPOINT +DETAIL +BANNER");
        assertThat(table.subList(1, 3)).allMatch(line -> line.startsWith("CONFIRMED_RELAY")
                || line.startsWith("ANONYMOUS_RELAY"));
        assertThat(table.get(3)).startsWith("SECURED").contains("127.0.84.3:" + SmtpRcDeployment.LAB_PORT);
        assertThat(scan.out()).contains("scan " + id + " COMPLETED: ").contains("2 proven open relays");
        // the hostile host's banner carries ANSI colour codes and a NUL: the server stores them as text (\x1B), and
        // the client doubles that text's backslashes, so no byte of them reaches the terminal (the table cuts the
        // banner at 120 characters, right after the colour code's start)
        assertThat(scan.out()).doesNotContain("\u001b").doesNotContain("\u0000").contains("\\\\x1B[31mred");

        Run relays = smtprc(Duration.ofSeconds(60), "hosts", Long.toString(id), "--verdict", "CONFIRMED_RELAY");
        assertThat(relays.status()).as(relays.toString()).isEqualTo(1);
        assertThat(relays.out().lines().filter(line -> line.startsWith("CONFIRMED_RELAY")).count())
                .isBetween(1L, 2L);
        assertThat(relays.out()).doesNotContain("SECURED  ");

        // --sort is the server's: the whole list in reverse address order, proven relays or not; a bad key is refused
        Run byAddress = smtprc(Duration.ofSeconds(60), "hosts", Long.toString(id), "--sort", "-address");
        assertThat(byAddress.status()).as(byAddress.toString()).isEqualTo(1);
        assertThat(byAddress.out().lines().dropWhile(line -> !line.startsWith("VERDICT")).skip(1)
                .takeWhile(line -> !line.startsWith("scan ")).map(line -> line.split(" +")[1]))
                .containsExactly("127.0.84.3:" + SmtpRcDeployment.LAB_PORT, "127.0.84.2:" + SmtpRcDeployment.LAB_PORT,
                        "127.0.84.1:" + SmtpRcDeployment.LAB_PORT);
        Run badSort = smtprc(Duration.ofSeconds(60), "hosts", Long.toString(id), "--sort", "severity");
        assertThat(badSort.status()).isEqualTo(2);
        assertThat(badSort.err()).startsWith("smtprc: refused (400): sort \"severity\" is unknown: use one of verdict,");

        Run report = smtprc(Duration.ofSeconds(60), "report", Long.toString(id));
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.out()).startsWith("<!DOCTYPE html>").contains("127.0.84.1");

        Run scans = smtprc(Duration.ofSeconds(60), "scans");
        assertThat(scans.status()).as(scans.err()).isZero();
        assertThat(scans.out()).containsPattern("(?m)^" + id + " +COMPLETED +3/3 ");

        Run stop = smtprc(Duration.ofSeconds(60), "stop", Long.toString(id));
        assertThat(stop.status()).isEqualTo(2);
        assertThat(stop.err()).startsWith("smtprc: refused (409): ");
        System.out.printf("client scan %d: exit %d, %d lines out; stop of a completed scan: %s", id, scan.status(),
                scan.out().lines().count(), stop.err());
    }

    @Test
    void badInputExitsTwoWithTheApisOwnMessageAndCreatesNothing() throws Exception {
        ScanApi api = new ScanApi(base.toURI(), TestUsers.OPERATOR);
        int before = api.get("api/scans?limit=1000").array().size();
        String apiSays = api.post("api/scans", "{\"targets\": \"127.0.84.300\"}").json().getString("message");

        Run bad = smtprc(Duration.ofSeconds(60), "scan", "127.0.84.300", "--watch");

        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("smtprc: refused (400): " + apiSays + "\n");
        assertThat(bad.out()).isEmpty();

        Run outside = smtprc(Duration.ofSeconds(60), "scan", "203.0.113.5");
        assertThat(outside.status()).isEqualTo(2);
        assertThat(outside.err()).startsWith("smtprc: refused (403): ").contains("203.0.113.5");
        assertThat(api.get("api/scans?limit=1000").array()).hasSize(before);

        Run usage = smtprc(Duration.ofSeconds(60), "hosts", "seven");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("'seven' is not a scan id");
    }

    @Test
    void aServerItCannotReachOrALoginItRefusesExitsThree() throws Exception {
        // nothing listens on the lab's port 1
        Run unreachable = smtprc(Map.of("SMTPRC_URL", "http://127.0.84.9:1/smtprc"), Duration.ofSeconds(60), "scans");
        assertThat(unreachable.status()).isEqualTo(3);
        assertThat(unreachable.err()).startsWith("smtprc: cannot reach SmtpRC at http://127.0.84.9:1/smtprc/");

        Run wrongPassword = smtprc(Map.of("SMTPRC_PASSWORD", "not-the-password"), Duration.ofSeconds(60), "scans");
        assertThat(wrongPassword.status()).isEqualTo(3);
        assertThat(wrongPassword.err()).contains("refused the login (401)");
    }

    private Run smtprc(Duration limit, String... args) throws Exception {
        return smtprc(Map.of(), limit, args);
    }

    /** Runs the launcher with the operator's login in the environment (overridden by {@code environment}). */
    private Run smtprc(Map<String, String> environment, Duration limit, String... args) throws Exception {
        return run(LAUNCHER, base.toString(), environment, limit, args);
    }

    static Run run(Path launcher, String server, Map<String, String> environment, Duration limit, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("smtprc-client", ".out");
        Path err = Files.createTempFile("smtprc-client", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("SMTPRC_"));
            // The oldest Java the client is built for, which is this machine kind's default java: an operator's
            // shell finds that one, not the server's JDK.
            Path oldestJava = Path.of(System.getProperty("smtprc.it.client-java-home", "/usr/lib/jvm/java-17-openjdk-amd64"));
            env.put("JAVA_HOME", Files.isDirectory(oldestJava) ? oldestJava.toString()
                    : System.getProperty("smtprc.java.home", System.getProperty("java.home")));
            env.put("HOME", out.getParent().toString());
            env.put("SMTPRC_URL", server);
            env.put("SMTPRC_USER", TestUsers.OPERATOR.name());
            env.put("SMTPRC_PASSWORD", TestUsers.OPERATOR.password());
            env.putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("smtprc " + String.join(" ", args) + " did not end within " + limit);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
