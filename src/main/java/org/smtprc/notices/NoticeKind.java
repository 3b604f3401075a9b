package org.smtprc.notices;

/** What a notice tells. */
public enum NoticeKind {
    /** To an owner: open relays of theirs were found and proven. */
    FOUND,
    /** To an owner: the re-check found their host fixed. */
    FIXED,
    /** To an owner: the re-check found their host still relaying; take it offline. */
    ESCALATION,
    /** To the operator: a scan's counts, the notices it caused, and the findings no owner network covers. */
    DIGEST;

    /** The template file of this kind in the template folder, and in the application. */
    String templateName() {
        return name().toLowerCase(java.util.Locale.ROOT) + ".txt";
    }
}
