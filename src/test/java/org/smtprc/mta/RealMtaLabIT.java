package org.smtprc.mta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts one real server of every {@link MtaPersonality} (needs root; installs the packages with mta.sh when
 * missing) and checks each one's behaviour with a raw SMTP client, all on loopback; then that closing the lab
 * leaves no process, address or file behind. Needs no WildFly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealMtaLabIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    private static final String FOREIGN = "relaytest.example";

    private CollectingReceiver receiver;
    private RealMtaLab lab;
    private final List<ProcessHandle> labProcesses = new ArrayList<>();
    private String addressesBefore;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "RealMtaLab needs root");
        RealMtaLab.installIfMissing();
        addressesBefore = Commands.check(Duration.ofSeconds(5), "ip", "-4", "-o", "addr", "show", "dev", "lo");
        receiver = new CollectingReceiver();
        lab = RealMtaLab.startAll(receiver.address(), Path.of("target", "mta-lab"));
        System.out.println("RealMtaLab started in " + lab.startupTime().toMillis() + " ms:");
        for (MtaInstance i : lab.instances()) {
            System.out.println("  " + i + ", log " + i.logFile());
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (lab == null) {
            return;
        }
        // the lab's own processes only: this JVM may also run other system tests' servers (Arquillian's WildFly
        // is a child of the failsafe JVM and lives until the last test class is done)
        labProcesses.addAll(lab.processes());
        assertFalse(labProcesses.isEmpty(), "no lab process found while the lab runs");
        List<InetSocketAddress> listeners = lab.listeners();
        Path dir = lab.directory();
        lab.close();
        receiver.close();
        // nothing left behind
        for (ProcessHandle p : labProcesses) {
            p.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(p.isAlive(), "still running: " + p.pid() + " " + p.info());
        }
        assertEquals(addressesBefore, Commands.check(Duration.ofSeconds(5), "ip", "-4", "-o", "addr", "show", "dev", "lo"),
                "loopback addresses changed");
        if (!Boolean.getBoolean("smtprc.mta.keep")) {
            assertFalse(Files.exists(dir), "lab directory left: " + dir);
        }
        for (InetSocketAddress l : listeners) {
            assertFalse(Banner.listening(l), "something still listens on " + l.getHostString() + ":" + l.getPort());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String id() {
        return "p" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String message(String id) {
        return "From: <" + id + "@scanner.example>\r\nTo: <" + id + "@" + FOREIGN + ">\r\nSubject: relay test " + id
                + "\r\nMessage-ID: <" + id + "@scanner.example>\r\nX-Mailer: probe-client\r\n\r\nbody " + id + "\r\n";
    }

    /** EHLO, MAIL, the RCPTs; the RCPT replies. */
    private static List<String> envelope(SmtpTalk smtp, String sender, String... rcpts) throws IOException {
        assertTrue(smtp.command("EHLO client-helo.example").startsWith("250"));
        assertTrue(smtp.command("MAIL FROM:<" + sender + ">").startsWith("250"));
        List<String> replies = new ArrayList<>();
        for (String r : rcpts) {
            replies.add(smtp.command("RCPT TO:<" + r + ">"));
        }
        return replies;
    }

    /** Sends one message to the instance for the given recipient; returns the RCPT reply and, if taken, the DATA reply. */
    private List<String> send(MtaInstance mta, String id, String rcpt) throws IOException {
        try (SmtpTalk smtp = new SmtpTalk(mta.address())) {
            assertTrue(smtp.reply().startsWith("220"));
            List<String> replies = envelope(smtp, id + "@scanner.example", rcpt);
            if (replies.get(0).startsWith("250")) {
                replies.add(smtp.data(message(id)));
            }
            smtp.command("QUIT");
            return replies;
        }
    }

    private CollectingReceiver.Mail arrivedFor(String rcpt) throws InterruptedException {
        return receiver.await(m -> m.recipients().contains(rcpt), ARRIVAL);
    }

    private void assertRelays(MtaInstance mta) throws Exception {
        String id = id();
        List<String> replies = send(mta, id, id + "@" + FOREIGN);
        assertTrue(replies.get(0).startsWith("250"), mta + " RCPT: " + replies);
        assertTrue(replies.get(1).startsWith("250"), mta + " DATA: " + replies);
        CollectingReceiver.Mail mail = arrivedFor(id + "@" + FOREIGN);
        assertNotNull(mail, mta + " did not relay " + id);
        assertEquals(id + "@scanner.example", mail.mailFrom());
        assertTrue(mail.data().contains("body " + id));
    }

    private void assertRefuses(MtaInstance mta, String code) throws Exception {
        String id = id();
        List<String> replies = send(mta, id, id + "@" + FOREIGN);
        assertTrue(replies.get(0).startsWith(code), mta + " should refuse with " + code + ": " + replies);
        System.out.println(mta.name() + " refuses relaying: " + replies.get(0));
        // its own domain is accepted and forwarded to the receiver
        String own = id + "@" + mta.domain();
        replies = send(mta, id, own);
        assertTrue(replies.get(0).startsWith("250"), mta + " own domain: " + replies);
        assertNotNull(arrivedFor(own), mta + " did not forward mail for its own domain");
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void postfixOpenRelays() throws Exception {
        MtaInstance mta = lab.instance(MtaPersonality.POSTFIX_OPEN);
        assertTrue(mta.software().startsWith("Postfix 3."), mta.software());
        assertRelays(mta);
        String id = id();
        send(mta, id, id + "@" + FOREIGN);
        CollectingReceiver.Mail mail = arrivedFor(id + "@" + FOREIGN);
        assertTrue(mail.data().contains("Received: from client-helo.example"), mail.data());
        assertTrue(mail.data().contains("by " + mta.hostname() + " (Postfix)"), mail.data());
    }

    @Test
    void postfixClosedRefusesRelaying() throws Exception {
        assertRefuses(lab.instance(MtaPersonality.POSTFIX_CLOSED), "554");
    }

    @Test
    void anonymousRelayStripsTraceHeaders() throws Exception {
        MtaInstance mta = lab.instance(MtaPersonality.POSTFIX_ANONYMOUS);
        assertRelays(mta);
        String id = id();
        send(mta, id, id + "@" + FOREIGN);
        CollectingReceiver.Mail mail = arrivedFor(id + "@" + FOREIGN);
        assertFalse(mail.data().contains("Received:"), mail.data());
        assertFalse(mail.data().contains("client-helo"), mail.data());
        assertFalse(mail.data().contains(mta.address().getHostString()), mail.data());
        assertFalse(mail.data().contains("X-Mailer"), mail.data());
    }

    @Test
    void loopholeGatewayLeaksRoutingForms() throws Exception {
        MtaInstance mta = lab.instance(MtaPersonality.POSTFIX_LOOPHOLE_GATEWAY);
        String gw = mta.domain();
        String literal = "[" + mta.address().getHostString() + "]";
        String id = id();
        // it announces its relay domain as its name (what a scanner's {name} forms address)
        assertEquals(gw, mta.hostname());
        try (SmtpTalk smtp = new SmtpTalk(mta.address())) {
            String banner = smtp.reply();
            assertTrue(banner.startsWith("220 " + gw + " "), banner);
        }
        // refused: plain foreign, a source route (Postfix strips it, leaving plain foreign), and the routing forms
        // at its address literal (not a relay domain; Postfix resolves user%site@[own address] before it checks)
        for (String refused : List.of(id + "@" + FOREIGN, "@" + gw + ":" + id + "-sr@" + FOREIGN,
                id + "%" + FOREIGN + "@" + literal, FOREIGN + "!" + id + "@" + literal,
                "\"" + id + "@" + FOREIGN + "\"@" + literal)) {
            List<String> replies = send(mta, id, refused);
            System.out.println("gateway " + refused + " -> " + replies);
            assertTrue(replies.get(0).startsWith("554 5.7.1"), refused + ": " + replies);
        }
        // leaking: accepted for the gateway's domain, delivered to the foreign mailbox
        for (String kind : List.of("pct", "bang", "quoted", "quoted-pct", "double-at")) {
            String mailbox = id + "-" + kind;
            String form = switch (kind) {
                case "pct" -> mailbox + "%" + FOREIGN + "@" + gw;
                case "bang" -> FOREIGN + "!" + mailbox + "@" + gw;
                case "quoted-pct" -> "\"" + mailbox + "%" + FOREIGN + "\"@" + gw;
                case "double-at" -> mailbox + "@" + FOREIGN + "@" + gw;
                default -> "\"" + mailbox + "@" + FOREIGN + "\"@" + gw;
            };
            List<String> replies = send(mta, id, form);
            System.out.println("gateway " + form + " -> " + replies);
            assertTrue(replies.get(0).startsWith("250") && replies.get(1).startsWith("250"), form + ": " + replies);
            CollectingReceiver.Mail mail = arrivedFor(mailbox + "@" + FOREIGN);
            assertNotNull(mail, form + " did not reach " + mailbox + "@" + FOREIGN);
            assertTrue(mail.data().contains("by " + mta.hostname()), mail.data());
        }
        // its own users' mail goes to the hub and on to the receiver
        String local = id + "-local@" + gw;
        assertTrue(send(mta, id, local).get(0).startsWith("250"));
        assertNotNull(arrivedFor(local));
        assertTrue(receiver.mail().stream().noneMatch(m -> m.recipients().contains(id + "@" + FOREIGN)));
    }

    @Test
    void authTlsRelaysOnlyAfterAuthentication() throws Exception {
        MtaInstance mta = lab.instance(MtaPersonality.POSTFIX_AUTH_TLS);
        String id = id();
        try (SmtpTalk smtp = new SmtpTalk(mta.address())) {
            assertTrue(smtp.reply().startsWith("220"));
            String ehlo = smtp.command("EHLO client-helo.example");
            assertTrue(ehlo.contains("STARTTLS"), ehlo);
            assertFalse(ehlo.contains("AUTH"), "AUTH offered before STARTTLS: " + ehlo);
            assertTrue(smtp.command("MAIL FROM:<" + id + "@scanner.example>").startsWith("250"));
            String rcpt = smtp.command("RCPT TO:<" + id + "@" + FOREIGN + ">");
            System.out.println("auth-tls without AUTH: " + rcpt);
            assertTrue(rcpt.startsWith("554 5.7.1") && rcpt.contains("Relay access denied"), rcpt);
            smtp.command("RSET");
            assertTrue(smtp.startTls().startsWith("220"));
            ehlo = smtp.command("EHLO client-helo.example");
            System.out.println("auth-tls EHLO after STARTTLS: " + ehlo.replace('\n', ' '));
            assertTrue(ehlo.contains("AUTH") && ehlo.contains("PLAIN"), ehlo);
            String bad = smtp.authPlain(RealMtaLab.authUser(), "wrong");
            assertTrue(bad.startsWith("535"), bad);
            String auth = smtp.authPlain(RealMtaLab.authUser(), RealMtaLab.authPassword());
            assertTrue(auth.startsWith("235"), auth);
            assertTrue(smtp.command("MAIL FROM:<" + id + "@scanner.example>").startsWith("250"));
            rcpt = smtp.command("RCPT TO:<" + id + "@" + FOREIGN + ">");
            assertTrue(rcpt.startsWith("250"), rcpt);
            assertTrue(smtp.data(message(id)).startsWith("250"));
            smtp.command("QUIT");
        }
        assertNotNull(arrivedFor(id + "@" + FOREIGN), "authenticated relay did not arrive");
    }

    @Test
    void greylistDefersFirstThenAccepts() throws Exception {
        MtaInstance mta = lab.instance(MtaPersonality.POSTFIX_GREYLIST);
        String id = id();
        try (SmtpTalk smtp = new SmtpTalk(mta.address())) {
            assertTrue(smtp.reply().startsWith("220"));
            String first = envelope(smtp, id + "@scanner.example", id + "@" + FOREIGN).get(0);
            System.out.println("greylist first try: " + first);
            assertTrue(first.startsWith("450") && first.contains("Greylisted"), first);
            smtp.command("RSET");
            Thread.sleep(RealMtaLab.greylistDelay().plusSeconds(1).toMillis());
            assertTrue(smtp.command("MAIL FROM:<" + id + "@scanner.example>").startsWith("250"));
            String again = smtp.command("RCPT TO:<" + id + "@" + FOREIGN + ">");
            assertTrue(again.startsWith("250"), again);
            assertTrue(smtp.data(message(id)).startsWith("250"));
            smtp.command("QUIT");
        }
        CollectingReceiver.Mail mail = arrivedFor(id + "@" + FOREIGN);
        assertNotNull(mail, "greylisted mail not relayed after retry");
        assertTrue(mail.data().contains("X-Greylist: delayed"), mail.data());
    }

    @Test
    void slowBannerTricklesAndRefusesRelay() throws Exception {
        MtaInstance mta = lab.instance(MtaPersonality.POSTFIX_SLOW_BANNER);
        long t0 = System.nanoTime();
        try (SmtpTalk smtp = new SmtpTalk(mta.address())) {
            InputStream in = smtp.rawInput();
            StringBuilder seen = new StringBuilder();
            long firstByte = -1;
            long finalLine = -1;
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (firstByte < 0) {
                    firstByte = System.nanoTime() - t0;
                }
                seen.append((char) c);
                if (c == '\n') {
                    String l = line.toString().strip();
                    System.out.printf("slow banner: +%d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, l);
                    if (l.startsWith("220 ")) {
                        finalLine = System.nanoTime() - t0;
                        break;
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            assertTrue(seen.toString().startsWith("220-" + mta.hostname()), seen.toString());
            assertTrue(firstByte < 1_000_000_000L, "first bytes after " + firstByte / 1_000_000 + " ms");
            assertTrue(finalLine >= RealMtaLab.slowBannerDelay().minusMillis(500).toNanos(),
                    "final 220 line after only " + finalLine / 1_000_000 + " ms");
            String rcpt = envelope(smtp, "x@scanner.example", "x@" + FOREIGN).get(0);
            assertTrue(rcpt.startsWith("554"), rcpt);
        }
    }

    @Test
    void acceptThenBounceSendsDsnToTheSender() throws Exception {
        MtaInstance mta = lab.instance(MtaPersonality.POSTFIX_ACCEPT_THEN_BOUNCE);
        String id = id();
        List<String> replies = send(mta, id, id + "@" + FOREIGN);
        assertTrue(replies.get(0).startsWith("250") && replies.get(1).startsWith("250"), replies.toString());
        CollectingReceiver.Mail dsn = arrivedFor(id + "@scanner.example");
        assertNotNull(dsn, "no DSN arrived");
        assertEquals("", dsn.mailFrom());
        assertTrue(dsn.data().contains("multipart/report"), dsn.data());
        assertTrue(dsn.data().contains("report-type=delivery-status"), dsn.data());
        assertTrue(dsn.data().contains("Final-Recipient: rfc822; " + id + "@" + FOREIGN), dsn.data());
        assertTrue(dsn.data().contains("body " + id), "original message not attached: " + dsn.data());
        assertTrue(receiver.mail().stream().noneMatch(m -> m.recipients().contains(id + "@" + FOREIGN)),
                "the bouncing server delivered the message after all");
    }

    @Test
    void eximOpenRelays() throws Exception {
        MtaInstance mta = lab.instance(MtaPersonality.EXIM_OPEN);
        assertTrue(mta.software().startsWith("Exim 4."), mta.software());
        assertRelays(mta);
    }

    @Test
    void eximClosedRefusesRelaying() throws Exception {
        assertRefuses(lab.instance(MtaPersonality.EXIM_CLOSED), "550");
    }
}
