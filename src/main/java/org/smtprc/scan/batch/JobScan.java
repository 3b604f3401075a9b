package org.smtprc.scan.batch;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.smtprc.scan.Scans;

import java.util.List;
import java.util.OptionalLong;

/**
 * The scan a job execution works on. A job started through SmtpRC's API carries the scan's id as its
 * {@code scanId} parameter, declared once as a job-level property in {@code relay-scan.xml}. A job started from
 * WildFly's CLI with targets has none: its first step creates the scan and attaches the execution, and from then on
 * (restarts from the CLI included) the scan is the one attached to an execution of the same job instance.
 */
@Dependent
public class JobScan {

    static final String PROPERTY = "scanId";

    @Inject
    JobContext job;

    @Inject
    Scans scans;

    /** Cached: the chunk's processor asks once per item. */
    private Long id;

    long id() {
        return find().orElseThrow(() -> new IllegalStateException("job " + job.getJobName() + " (execution "
                + job.getExecutionId() + ") has no scan: start it through SmtpRC's API, or from WildFly's CLI with"
                + " a targets parameter (or a scanId)"));
    }

    OptionalLong find() {
        if (id == null) {
            String given = job.getProperties().getProperty(PROPERTY);
            if (given != null && !given.isBlank()) {
                id = Long.parseLong(given.trim());
            } else {
                scans.attachedToAny(executionsOfThisInstance()).ifPresent(found -> id = found);
            }
        }
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** This job instance's executions, oldest first: the first execution and each restart. */
    List<Long> executionsOfThisInstance() {
        var operator = BatchRuntime.getJobOperator();
        return operator.getJobExecutions(operator.getJobInstance(job.getExecutionId())).stream()
                .map(JobExecution::getExecutionId)
                .sorted()
                .toList();
    }
}
