package org.smtprc.mta;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a daemon by its own pid: SIGTERM, a bounded wait, then SIGKILL for it and whatever children are left. */
final class Processes {

    private Processes() {
    }

    static void stop(ProcessHandle process, Duration grace) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        awaitExit(process, grace);
        for (ProcessHandle child : children) {
            awaitExit(child, Duration.ofSeconds(2));
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    static void awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // still alive or gone unobserved; the caller decides
        }
    }
}
