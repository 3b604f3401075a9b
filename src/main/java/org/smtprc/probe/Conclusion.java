package org.smtprc.probe;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The verdict on a host and its one-line detail, concluded from its judged relay tests. In order: an accepted test
 * makes it a relay suspect, unless every accepted recipient is one it may take for its own mailbox
 * ({@link LocalRecipient}) while every plainly foreign recipient was refused (a conversation that stopped early says
 * so after the finding: "...; then host time budget of ... ran out ..."); a conversation that stopped early,
 * deferred tests (greylisting) or tests that could not be judged leave it inconclusive; refusals that all ask for
 * authentication or for TLS say so; else it is secured.
 *
 * <p>A host that refused every test it ran before its budget ran out (or before the probe stopped otherwise) is
 * {@link Verdict#INCONCLUSIVE}, not {@link Verdict#SECURED}: the forms not run are exactly the ones that could have
 * found its loophole (a percent-hack relay refuses the plain form), and calling it secured would be the one mistake
 * a relay scan must not make. The detail says how many it refused and how many were not run, so the operator can
 * scan it again with a larger host budget or a smaller profile.
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
     * @param target     the target's own names, to tell its local recipients from foreign ones
     */
    static Conclusion from(List<JudgedTest> judged, String stop, boolean tls, String tlsFailure,
                           RelayForm.Macros target) {
        int total = judged.size();
        List<JudgedTest> accepted = having(judged, TestOutcome.ACCEPTED);
        if (!accepted.isEmpty()) {
            Conclusion acceptance = acceptance(judged, accepted, target);
            return stop == null ? acceptance
                    : new Conclusion(acceptance.verdict(), acceptance.detail() + "; then " + stop);
        }
        if (stop != null) {
            return new Conclusion(Verdict.INCONCLUSIVE, stop + refusedBeforeTheStop(judged));
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

    /**
     * A host that accepted tests: {@link Verdict#ACCEPTS_LOCAL_ONLY} when each accepted recipient is local-looking,
     * each test of a plainly foreign recipient was refused at MAIL or RCPT (none deferred, broken off or not run)
     * and at least one at RCPT; else {@link Verdict#ACCEPTS_RELAY}.
     */
    private static Conclusion acceptance(List<JudgedTest> judged, List<JudgedTest> accepted,
                                         RelayForm.Macros target) {
        List<JudgedTest> foreign = judged.stream().filter(j -> !localLooking(j, target)).toList();
        boolean localOnly = accepted.stream().allMatch(j -> localLooking(j, target))
                && foreign.stream().allMatch(j -> j.outcome() == TestOutcome.REJECTED_AT_MAIL
                || j.outcome() == TestOutcome.REJECTED_AT_RCPT)
                && foreign.stream().anyMatch(j -> j.outcome() == TestOutcome.REJECTED_AT_RCPT);
        TestResult first = accepted.getFirst().result();
        if (!localOnly) {
            return new Conclusion(Verdict.ACCEPTS_RELAY, "accepted relay test '" + first.form() + "' (RCPT TO:"
                    + first.rcptTo() + ")" + (accepted.size() > 1 ? " and " + (accepted.size() - 1) + " more" : ""));
        }
        String others = accepted.stream().skip(1).map(j -> ", " + j.result().form()).collect(Collectors.joining());
        JudgedTest refusal = foreign.stream().filter(j -> j.outcome() == TestOutcome.REJECTED_AT_RCPT).findFirst()
                .orElseThrow();
        return new Conclusion(Verdict.ACCEPTS_LOCAL_ONLY, "no relay finding: it accepted only recipients it may"
                + " take for its own mailboxes (no domain, or its own name or address literal after the last '@'): "
                + first.form() + " " + first.rcptTo() + others + "; and refused all " + foreign.size()
                + " plainly foreign ones (" + refusal.reason() + ")");
    }

    /** For a battery cut short: that every test it ran was refused, when so, and why that is no SECURED. */
    private static String refusedBeforeTheStop(List<JudgedTest> judged) {
        List<JudgedTest> ran = judged.stream()
                .filter(j -> j.outcome() != TestOutcome.NOT_RUN && j.outcome() != TestOutcome.ERROR).toList();
        if (ran.isEmpty() || !ran.stream().allMatch(j -> j.outcome().rejected())) {
            return "";
        }
        return "; it refused all " + ran.size() + " tests it ran, but one of the other " + (judged.size() - ran.size())
                + " may be the loophole it relays, so it is not judged secured";
    }

    private static boolean localLooking(JudgedTest test, RelayForm.Macros target) {
        return LocalRecipient.isLocalLooking(test.result().rcptTo(), target);
    }

    private static List<JudgedTest> having(List<JudgedTest> judged, TestOutcome outcome) {
        return judged.stream().filter(j -> j.outcome() == outcome).toList();
    }
}
