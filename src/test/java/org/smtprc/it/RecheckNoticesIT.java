package org.smtprc.it;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smtprc.audit.Actor;
import org.smtprc.lab.Lab;
import org.smtprc.lab.Personality;
import org.smtprc.notices.Notice;
import org.smtprc.notices.NoticeKind;
import org.smtprc.notices.NoticeLog;
import org.smtprc.notices.NoticeStatus;
import org.smtprc.owners.Owners;
import org.smtprc.probe.Verdict;
import org.smtprc.recheck.RecheckConcluded;
import org.smtprc.scan.HostRecord;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanOrigin;
import org.smtprc.scan.ScanRequest;
import org.smtprc.scan.ScanService;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.Scans;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notices' side of a re-check, inside the server: the re-check's conclusion is the CDI event
 * {@code RecheckConcluded}, which the re-check helper fires in production; this test fires it itself (it runs in the
 * container, so it injects {@code Event<RecheckConcluded>}; no backdoor in the product) after two real scans of lab
 * relays, the second started as a re-check of the first, in dry-run mode. The owner of the fixed host gets a FIXED
 * notice, the owner of the host still relaying an ESCALATION, each with their host only and the template's subject.
 */
@ExtendWith(ArquillianExtension.class)
class RecheckNoticesIT {

    private static final String FIXED_HOST = "127.0.70.65";
    private static final String STILL_OPEN = "127.0.70.81";

    @Deployment
    static WebArchive deployment() {
        return SmtpRcDeployment.war().addPackage(Lab.class.getPackage());
    }

    @Inject
    ScanService service;

    @Inject
    Scans scans;

    @Inject
    Owners owners;

    @Inject
    NoticeLog log;

    @Inject
    Event<RecheckConcluded> concluded;

    @Test
    void fixedHostsOwnersAreThankedAndStillRelayingOnesEscalated() throws Exception {
        Actor tester = new Actor("recheck-notices-it", "local");
        owners.replace("""
                network,owner,contact
                127.0.70.64/28,Delta Hosting,abuse@delta.smtprc.test
                127.0.70.80/28,Epsilon Net,noc@epsilon.smtprc.test
                """, tester);
        InetSocketAddress receiver = new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}),
                Integer.getInteger("smtprc.receiver.port"));
        try (Lab lab = Lab.builder().port(Integer.parseInt(SmtpRcDeployment.LAB_PORT)).deliverTo(receiver)
                .host(FIXED_HOST, Personality.OPEN_RELAY).host(STILL_OPEN, Personality.OPEN_RELAY).start()) {
            long original = scan(tester, ScanOrigin.OPERATOR);
            long recheck = scan(tester, ScanOrigin.recheckOf(original));
            HostRecord fixed = relay(original, FIXED_HOST);
            HostRecord still = relay(original, STILL_OPEN);

            concluded.fire(new RecheckConcluded(original, recheck, List.of(fixed.getId()), List.of(still.getId())));

            List<Notice> notices = log.forScan(recheck, 100).stream()
                    .filter(n -> n.getKind() == NoticeKind.FIXED || n.getKind() == NoticeKind.ESCALATION).toList();
            assertEquals(2, notices.size(), () -> "notices: " + notices);
            Notice thanks = notices.stream().filter(n -> n.getKind() == NoticeKind.FIXED).findFirst().orElseThrow();
            assertEquals("abuse@delta.smtprc.test", thanks.getRecipient());
            assertEquals(FIXED_HOST + ":" + SmtpRcDeployment.LAB_PORT, thanks.getHosts());
            assertEquals(NoticeStatus.DRY_RUN, thanks.getStatus());
            assertEquals(original, thanks.getAboutScanId());
            assertTrue(thanks.getSubject().contains("fixed, thank you"), thanks.getSubject());
            Notice escalation = notices.stream().filter(n -> n.getKind() == NoticeKind.ESCALATION).findFirst()
                    .orElseThrow();
            assertEquals("noc@epsilon.smtprc.test", escalation.getRecipient());
            assertEquals("127.0.70.80/28", escalation.getOwnerNetwork());
            assertEquals(STILL_OPEN + ":" + SmtpRcDeployment.LAB_PORT, escalation.getHosts());
            assertTrue(escalation.getSubject().contains("take it offline"), escalation.getSubject());
            assertTrue(log.forScan(original, 100).stream().map(Notice::getId).toList()
                    .containsAll(notices.stream().map(Notice::getId).toList()), "listed with the scan they are about");
            assertTrue(log.forScan(recheck, 100).stream().noneMatch(n -> n.getKind() == NoticeKind.FOUND),
                    "a re-check scan sends no FOUND notices of its own");
        } finally {
            owners.replace("network,owner,contact\n", tester);
        }
    }

    private long scan(Actor tester, ScanOrigin origin) throws InterruptedException {
        ScanRequest.Options options = new ScanRequest.Options(null, null, 1_000L, 3_000L, null, 20_000L, null, null,
                null, null, null, true);
        Scan scan = service.start(new ScanRequest(FIXED_HOST + "," + STILL_OPEN, null, SmtpRcDeployment.LAB_PORT,
                "quick", options), tester, origin);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (scans.find(scan.getId()).getStatus() != ScanStatus.COMPLETED) {
            assertTrue(Instant.now().isBefore(deadline), () -> "scan " + scan.getId() + " is "
                    + scans.find(scan.getId()).getStatus());
            Thread.sleep(250);
        }
        return scan.getId();
    }

    private HostRecord relay(long scanId, String address) {
        return scans.hosts(scanId, Verdict.CONFIRMED_RELAY, 0, 10).stream()
                .filter(h -> h.getAddress().equals(address)).findFirst().orElseThrow(() -> new AssertionError(
                        address + " is no confirmed relay in scan " + scanId));
    }
}
