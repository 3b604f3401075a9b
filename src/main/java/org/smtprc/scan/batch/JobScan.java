package org.smtprc.scan.batch;

import jakarta.batch.runtime.context.JobContext;

/**
 * The scan a job execution works on. Its id is the job's one parameter, declared once as a job-level property
 * in {@code relay-scan.xml}; every artifact of the job reads it here.
 */
final class JobScan {

    static final String PROPERTY = "scanId";

    private JobScan() {
    }

    static long id(JobContext job) {
        String id = job.getProperties().getProperty(PROPERTY);
        if (id == null) {
            throw new IllegalStateException("job " + job.getJobName() + " (execution " + job.getExecutionId()
                    + ") has no " + PROPERTY + " property: start it through SmtpRC's API or with a scanId parameter");
        }
        return Long.parseLong(id);
    }
}
