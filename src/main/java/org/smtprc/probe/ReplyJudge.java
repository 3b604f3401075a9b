package org.smtprc.probe;

import java.util.List;
import java.util.Locale;

/** Judges a server's reply at one stage of a relay test: the test's outcome and, for a refusal, its kind. */
final class ReplyJudge {

    private ReplyJudge() {
    }

    /** A server's answer to one stage of a test; {@code closing} means it answered 421 and hangs up. */
    record Judgement(TestOutcome outcome, Refusal refusal, SmtpReply reply, boolean closing) {

        static Judgement accepted(SmtpReply reply) {
            return new Judgement(TestOutcome.ACCEPTED, Refusal.NONE, reply, false);
        }

        boolean isAccepted() {
            return outcome == TestOutcome.ACCEPTED;
        }
    }

    /**
     * A test judged by the replies to its MAIL and RCPT ({@code first} is where MAIL's reply is): accepted when the
     * server took both, with the reply to RCPT.
     */
    static Judgement envelope(List<SmtpReply> replies, int first) {
        SmtpReply mail = replies.get(first);
        if (!mail.isPositive()) {
            return refusal(mail, TestOutcome.REJECTED_AT_MAIL);
        }
        SmtpReply rcpt = replies.get(first + 1);
        return rcpt.isPositive() ? Judgement.accepted(rcpt) : refusal(rcpt, TestOutcome.REJECTED_AT_RCPT);
    }

    /**
     * A non-positive reply at one stage, {@code rejection} being the outcome a permanent refusal there has; a
     * positive reply where none belongs is a protocol error.
     */
    static Judgement refusal(SmtpReply reply, TestOutcome rejection) {
        if (reply.code() == 421) {
            return new Judgement(TestOutcome.ERROR, Refusal.NONE, reply, true);
        }
        if (reply.isTransient()) {
            return new Judgement(TestOutcome.TEMPFAIL, Refusal.NONE, reply, false);
        }
        if (reply.isPermanent()) {
            return new Judgement(rejection, kindOf(reply), reply, false);
        }
        return new Judgement(TestOutcome.ERROR, Refusal.NONE, reply, false);
    }

    /** Why a permanent refusal refused: TLS or authentication first (RFC 3207, RFC 4954 codes), else policy. */
    static Refusal kindOf(SmtpReply reply) {
        String text = reply.text().toLowerCase(Locale.ROOT);
        boolean securityStatus = text.startsWith("5.7.0") || text.startsWith("5.7.1");
        if (text.contains("starttls") && (reply.code() == 530 || securityStatus)) {
            return Refusal.TLS;
        }
        if (reply.code() == 530 || reply.code() == 535 || (securityStatus && text.contains("auth"))) {
            return Refusal.AUTH;
        }
        return Refusal.POLICY;
    }
}
