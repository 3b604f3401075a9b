package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.smtprc.notices.Notice;
import org.smtprc.notices.NoticeLog;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The notices on record: to whom, about which scan and hosts, sent, held, dry-run or failed (and why). */
@Path("/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticesResource {

    private static final int MAX_PAGE = 1_000;

    public record NoticeView(long id, long scanId, long aboutScanId, String kind, String status, String ownerNetwork,
                             String owner, String to, String subject, Instant recordedAt, Instant sentAt,
                             String messageId, List<String> hosts, String reason) {

        static NoticeView of(Notice n) {
            return new NoticeView(n.getId(), n.getScanId(), n.getAboutScanId(), n.getKind().name(),
                    n.getStatus().name(), n.getOwnerNetwork(), n.getOwnerName(), n.getRecipient(), n.getSubject(),
                    n.getRecordedAt(), n.getSentAt(), n.getMessageId(),
                    n.getHosts().isEmpty() ? List.of() : Arrays.asList(n.getHosts().split(",")), n.getReason());
        }
    }

    @Inject
    NoticeLog log;

    /** The notices of one scan (those it caused and those about it), oldest first; without a scan the newest. */
    @GET
    public List<NoticeView> list(@QueryParam("scan") Long scan,
                                 @QueryParam("limit") @DefaultValue("200") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit " + limit + " is out of range: use 1 to " + MAX_PAGE);
        }
        List<Notice> notices = scan == null ? log.recent(limit) : log.forScan(scan, limit);
        return notices.stream().map(NoticeView::of).toList();
    }
}
