package org.smtprc.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.smtprc.probe.Verdict;
import org.smtprc.report.CsvReport;
import org.smtprc.report.HtmlReport;
import org.smtprc.report.ReportHeader;
import org.smtprc.report.ReportHost;
import org.smtprc.report.ReportTest;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** A scan's report, HTML or CSV, streamed from the database a page of hosts at a time. */
@ApplicationScoped
public class ScanReports {

    private static final int PAGE = 200;

    @Inject
    Scans scans;

    @Inject
    @Any
    Instance<ReportSection> sections;

    /**
     * The HTML report as the database has it now, so proof that arrives after the scan completed shows at once;
     * written host by host as the pages of hosts are read.
     */
    public void writeHtml(long scanId, Writer out) throws IOException {
        List<String> extra = sections.stream().map(section -> section.html(scanId)).filter(s -> !s.isEmpty()).toList();
        new HtmlReport().write(out, header(scanId), extra, hosts(scanId));
    }

    public void writeCsv(long scanId, Writer out) throws IOException {
        new CsvReport().write(out, header(scanId), hosts(scanId));
    }

    private ReportHeader header(long scanId) {
        Scan scan = scans.find(scanId);
        Map<String, Long> counts = new LinkedHashMap<>();
        scans.counts(scanId).forEach((verdict, n) -> counts.put(verdict.label(), n));
        return new ReportHeader(scanId, scan.getTargets(), scan.getPorts(), scan.getProfile(), scan.getStatus().name(),
                scan.getProbingStartedAt(), scan.getFinishedAt(), scan.getScannedFrom(), counts,
                scan.getEndpointTotal(), scans.progress(scanId).done());
    }

    /** The report's hosts in its order, read in keyset pages of each group of verdicts (HostOrder#reportGroups). */
    private Iterable<ReportHost> hosts(long scanId) {
        return () -> new Iterator<>() {
            private final Iterator<Set<Verdict>> groups = HostOrder.reportGroups().iterator();
            private Set<Verdict> group;
            private long after = -1;
            private Iterator<HostRecord> page = List.<HostRecord>of().iterator();
            private boolean groupExhausted = true;

            @Override
            public boolean hasNext() {
                while (!page.hasNext()) {
                    if (groupExhausted) {
                        if (!groups.hasNext()) {
                            return false;
                        }
                        group = groups.next();
                        after = -1;
                    }
                    List<HostRecord> next = scans.hostsAfter(scanId, group, after, PAGE);
                    groupExhausted = next.size() < PAGE;
                    if (!next.isEmpty()) {
                        after = next.getLast().getEndpointIndex();
                    }
                    page = next.iterator();
                }
                return true;
            }

            @Override
            public ReportHost next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return toReport(page.next());
            }
        };
    }

    private static ReportHost toReport(HostRecord host) {
        List<ReportTest> tests = host.getTests().stream()
                .map(t -> new ReportTest(t.getForm(), t.getMailFrom(), t.getRcptTo(), t.getOutcome().name(),
                        t.getTranscript(), t.getConfirmedAt() != null, t.getConfirmedAt()))
                .toList();
        String headers = host.getTests().stream()
                .filter(t -> t.getReceivedHeaders() != null)
                .map(t -> t.getReceivedHeaders() + (t.getAnonymityReasoning() == null ? "" : "\n\n" + t.getAnonymityReasoning()))
                .findFirst().orElse(null);
        Verdict verdict = host.getVerdict();
        return new ReportHost(host.getAddress() + ":" + host.getPort(), verdict.label(), verdict.relays(),
                host.getBanner(), host.getCapabilities(), host.isTls(), host.getDetail(), tests, headers);
    }
}
