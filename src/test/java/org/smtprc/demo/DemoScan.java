package org.smtprc.demo;

import jakarta.json.JsonObject;
import org.smtprc.it.ScanApi;
import org.smtprc.it.TestUsers;
import org.smtprc.it.WildFlyProcess;
import org.smtprc.lab.Lab;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The README's first command: boots WildFly with SmtpRC, starts a demo lab network on 127.0.2.0/27, scans it
 * through the REST API, prints the verdicts and saves the HTML report.
 */
public final class DemoScan {

    private static final String NETWORK = "127.0.2.0/27";
    private static final String LAB = "127.0.2.1=open-relay,127.0.2.2=closed,127.0.2.3=silent,"
            + "127.0.2.4=open-relay-anonymous,127.0.2.5=percent-hack,127.0.2.6=accept-then-drop,"
            + "127.0.2.7=greeting-554,127.0.2.8=not-smtp,127.0.2.9=auth-required,127.0.2.10=helo-only,"
            + "127.0.2.16/29=closed";

    public static void main(String[] args) throws Exception {
        boolean keep = Boolean.getBoolean("demo.keep");
        // Another server, or a second demo, on the same machine: -Ddemo.port-offset moves WildFly's ports and the
        // lab's, -Ddemo.receiver-port the receiver's.
        int offset = Integer.getInteger("demo.port-offset", 0);
        int receiverPort = Integer.getInteger("demo.receiver-port", 10025);
        int labPort = 2525 + offset;
        Path demo = Path.of("target/demo");
        System.out.println("Starting WildFly with SmtpRC (log: " + demo.resolve("standalone/log/server.log") + ") ...");
        TestUsers.addTo(WildFlyProcess.defaultHome(), WildFlyProcess.defaultHome().resolve("standalone/configuration"));
        try (WildFlyProcess server = new WildFlyProcess(WildFlyProcess.defaultHome(), demo.resolve("standalone"), offset,
                Map.of("smtprc.receiver.port", Integer.toString(receiverPort), "smtprc.helo-name", "demo-scanner.smtprc.test"))
                .start(WildFlyProcess.defaultWar(), Duration.ofMinutes(3));
             Lab lab = Lab.fromSpec(LAB)
                     .port(labPort)
                     .deliverTo(new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), receiverPort))
                     .start()) {
            ScanApi api = new ScanApi(server.baseUri(), TestUsers.OPERATOR);
            System.out.println("Demo lab listening on " + NETWORK + " port " + labPort + "; scanning it ...");
            long id = api.startScan("""
                    {"targets": "%s", "ports": "%d", "profile": "full",
                     "options": {"connectTimeoutMs": 1000, "commandTimeoutMs": 2000, "confirmationWindowMs": 10000}}"""
                    .formatted(NETWORK, labPort));
            JsonObject scan = api.awaitEnd(id, Duration.ofMinutes(5), true);
            printSummary(api, id, scan);
            Path report = demo.resolve("scan-" + id + ".html");
            Files.writeString(report, api.get("api/scans/" + id + "/report").body());
            System.out.println("\nHTML report saved to " + report.toAbsolutePath());
            if (keep) {
                System.out.println("Server still running: " + server.baseUri() + "api/scans/" + id + "/report");
                System.out.println("The console: " + server.baseUri() + "console/?view=scan&id=" + id + "  (log in as "
                        + TestUsers.OPERATOR.name() + " / " + TestUsers.OPERATOR.password() + "; press Enter to stop)");
                System.out.println("The terminal client: SMTPRC_URL=" + server.baseUri() + " SMTPRC_USER="
                        + TestUsers.OPERATOR.name() + " SMTPRC_PASSWORD=" + TestUsers.OPERATOR.password()
                        + " target/client/smtprc hosts " + id);
                System.in.read();
            }
        }
    }

    private static void printSummary(ScanApi api, long id, JsonObject scan) {
        System.out.println("\nScan " + id + " " + scan.getString("status") + " — verdicts: " + scan.getJsonObject("counts"));
        System.out.printf("%-18s %-24s %s%n", "HOST", "VERDICT", "DETAIL");
        for (JsonObject host : api.get("api/scans/" + id + "/hosts?limit=1000").array().getValuesAs(JsonObject.class)) {
            String detail = host.isNull("detail") ? "" : host.getString("detail");
            System.out.printf("%-18s %-24s %s%n", host.getString("address") + ":" + host.getInt("port"),
                    host.getString("verdict"), detail.length() > 70 ? detail.substring(0, 70) + "…" : detail);
        }
    }

    private DemoScan() {
    }
}
