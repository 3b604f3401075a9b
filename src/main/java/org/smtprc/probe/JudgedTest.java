package org.smtprc.probe;

/**
 * A relay test's evidence plus what the verdict needs to know about it: the kind of refusal and the reply (or
 * problem) that decided it, for the host's one-line detail.
 */
record JudgedTest(TestResult result, Refusal refusal, String reason) {

    TestOutcome outcome() {
        return result.outcome();
    }
}
