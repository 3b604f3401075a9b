package org.smtprc.report;

/**
 * One changed endpoint of a diff, as a report shows it.
 *
 * @param category      the kind of change, e.g. NEW_RELAY
 * @param before        the base scan's verdict, or what stands for its absence
 * @param after         the compared scan's verdict, likewise
 * @param detailBefore  the base scan's one-line detail (host-supplied text: hostile)
 * @param detailAfter   the compared scan's one-line detail (hostile)
 */
public record ChangeLine(String category, String address, int port, String before, String after,
                         String detailBefore, String detailAfter) {
}
