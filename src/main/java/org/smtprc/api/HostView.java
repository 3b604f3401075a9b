package org.smtprc.api;

import org.smtprc.scan.HostRecord;
import org.smtprc.scan.TestRecord;

import java.time.Instant;
import java.util.List;

/** One host's verdict with the evidence behind it. */
public record HostView(String address, int port, String verdict, String verdictLabel, String detail, String banner,
                       String capabilities, boolean tls, Instant probedAt, long durationMs, Instant confirmedAt,
                       List<TestView> tests) {

    public record TestView(String form, String mailFrom, String rcptTo, String outcome, long durationMs,
                           String transcript, Instant confirmedAt, Boolean anonymous, String anonymityReasoning,
                           String receivedHeaders) {

        static TestView of(TestRecord t) {
            return new TestView(t.getForm(), t.getMailFrom(), t.getRcptTo(), t.getOutcome().name(), t.getDurationMs(),
                    t.getTranscript(), t.getConfirmedAt(), t.getAnonymous(), t.getAnonymityReasoning(),
                    t.getReceivedHeaders());
        }
    }

    static HostView of(HostRecord h) {
        return new HostView(h.getAddress(), h.getPort(), h.getVerdict().name(), h.getVerdict().label(), h.getDetail(),
                h.getBanner(), h.getCapabilities(), h.isTls(), h.getProbedAt(), h.getDurationMs(), h.getConfirmedAt(),
                h.getTests().stream().map(TestView::of).toList());
    }
}
