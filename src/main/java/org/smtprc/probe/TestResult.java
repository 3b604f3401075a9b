package org.smtprc.probe;

import java.util.Objects;

/**
 * The record of one relay test: the form's name, the envelope as sent, the outcome and the transcript (commands
 * "C:" and replies "S:" with their time since the test began; message bodies summarised, length bounded).
 */
public record TestResult(String form, String mailFrom, String rcptTo, TestOutcome outcome, String transcript,
                           long millis) {

    public TestResult {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(mailFrom, "mailFrom");
        Objects.requireNonNull(rcptTo, "rcptTo");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(transcript, "transcript");
    }
}
