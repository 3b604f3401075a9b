package org.smtprc.probe;

import java.util.List;

/**
 * The verdict on a host and its one-line detail, concluded from its judged relay tests. In order: any accepted test
 * makes it a relay suspect; a conversation that stopped early, deferred tests (greylisting) or tests that could not
 * be judged leave it inconclusive; refusals that all ask for authentication or for TLS say so; else it is secured.
 *
 * @param verdict what the host turned out to be
 * @param detail  why, in one line
 */
record Conclusion(Verdict verdict, String detail) {

    /**
     * @param judged     every test of the battery, in battery order (those not run included)
     * @param stop       why the battery stopped before its end, or null when every test ran
     * @param tls        whether the tests ran over TLS
     * @param tlsFailure why our TLS handshake failed, or null
     */
    static Conclusion from(List<JudgedTest> judged, String stop, boolean tls, String tlsFailure) {
        int total = judged.size();
        List<JudgedTest> accepted = having(judged, TestOutcome.ACCEPTED);
        if (!accepted.isEmpty()) {
            TestResult first = accepted.getFirst().result();
            return new Conclusion(Verdict.ACCEPTS_RELAY, "accepted relay test '" + first.form() + "' (RCPT TO:"
                    + first.rcptTo() + ")" + (accepted.size() > 1 ? " and " + (accepted.size() - 1) + " more" : ""));
        }
        if (stop != null) {
            return new Conclusion(Verdict.INCONCLUSIVE, stop);
        }
        List<JudgedTest> deferred = having(judged, TestOutcome.TEMPFAIL);
        if (!deferred.isEmpty()) {
            return new Conclusion(Verdict.INCONCLUSIVE, deferred.size() + " of " + total + " tests deferred ("
                    + deferred.getFirst().reason() + "); probably greylisting: scan again later");
        }
        List<JudgedTest> broken = having(judged, TestOutcome.ERROR);
        if (!broken.isEmpty()) {
            return new Conclusion(Verdict.INCONCLUSIVE, broken.size() + " of " + total
                    + " tests could not be judged (" + broken.getFirst().reason() + ")");
        }
        String example = judged.getFirst().reason();
        if (judged.stream().allMatch(j -> j.refusal() == Refusal.AUTH)) {
            return new Conclusion(Verdict.REQUIRES_AUTH, "refused every relay test until we authenticate ("
                    + example + ")");
        }
        if (!tls && judged.stream().allMatch(j -> j.refusal() == Refusal.TLS)) {
            return new Conclusion(Verdict.REQUIRES_TLS, "refused every relay test until we start TLS (" + example
                    + "); " + (tlsFailure == null ? "the server does not offer STARTTLS"
                    : "our TLS handshake failed: " + tlsFailure));
        }
        return new Conclusion(Verdict.SECURED, "refused all " + total + " relay tests (" + example + ")");
    }

    private static List<JudgedTest> having(List<JudgedTest> judged, TestOutcome outcome) {
        return judged.stream().filter(j -> j.outcome() == outcome).toList();
    }
}
