package org.smtprc.history;

/** How an endpoint changed between a base scan and a later scan: what an operator acts on. */
public enum DiffCategory {
    NEW_RELAY("relays now; did not relay in the base scan, or the base scan did not cover it"),
    STILL_OPEN("relayed in the base scan and still relays"),
    FIXED("relayed in the base scan; answers now and does not relay"),
    NO_LONGER_ANSWERING("answered in the base scan; now refused or unreachable (or not recorded: no answer)"),
    NEW_HOST("answers now (without relaying); did not answer in the base scan, or the base scan did not cover it"),
    OTHER_CHANGE("answered in both with another verdict (before and after are given), or was skipped in one of them"),
    UNCHANGED("the same verdict in both scans, or no answer in either"),
    NOT_COMPARED("only one of the two scans covered it (targets or ports differ), and it did not answer or relay there");

    private final String meaning;

    DiffCategory(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    /** Changes are listed endpoint by endpoint; unchanged and uncompared endpoints are only counted. */
    public boolean listed() {
        return this != UNCHANGED && this != NOT_COMPARED;
    }
}
