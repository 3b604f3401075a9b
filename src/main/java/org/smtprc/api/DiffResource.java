package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.smtprc.history.DiffCategory;
import org.smtprc.history.DiffLines;
import org.smtprc.history.ScanDiffs;
import org.smtprc.report.ChangesCsv;
import org.smtprc.report.ChangesHtml;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * What changed between a scan and its base scan: JSON (a page of changes), CSV (all of them) and an HTML page. Rooted at
 * {@code /scans} like {@link ScanResource}: a root at {@code /scans/{id}} would hide that class's {@code GET /scans/{id}}.
 */
@Path("/scans")
public class DiffResource {

    private static final int MAX_PAGE = 1_000;

    @Inject
    ScanDiffs diffs;

    @GET
    @Path("{id}/diff")
    @Produces(MediaType.APPLICATION_JSON)
    public DiffView diff(@PathParam("id") long id, @QueryParam("against") String against,
                         @QueryParam("category") String category,
                         @QueryParam("offset") @DefaultValue("0") long offset,
                         @QueryParam("limit") @DefaultValue("100") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset must be 0 or more and limit 1 to " + MAX_PAGE);
        }
        DiffCategory only = category(category);
        return DiffView.of(diffs.page(id, scanId(against), only, offset, limit), only);
    }

    @GET
    @Path("{id}/diff.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") long id, @QueryParam("against") String against) {
        ScanDiffs.Pair pair = diffs.pair(id, scanId(against));
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            ChangesCsv csv = new ChangesCsv(writer, id, pair.base().getId());
            try {
                diffs.compare(pair, change -> {
                    try {
                        csv.write(DiffLines.line(change));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"smtprc-scan-" + id + "-diff-" + pair.base().getId() + ".csv\"").build();
    }

    @GET
    @Path("{id}/diff.html")
    @Produces(MediaType.TEXT_HTML)
    public Response html(@PathParam("id") long id, @QueryParam("against") String against) {
        ScanDiffs.Page page = diffs.page(id, scanId(against), null, 0, MAX_PAGE);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            new ChangesHtml().write(writer, id, page.pair().base().getId(), page.pair().baseChosen(),
                    DiffLines.categories(page.counts()), page.changes().stream().map(DiffLines::line).toList(),
                    page.listedTotal());
        };
        return Response.ok(body, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private static Long scanId(String against) {
        if (against == null || against.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(against.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("against=" + against + " is not a scan id: give the number of the"
                    + " scan to compare with (GET /api/scans lists them)");
        }
    }

    private static DiffCategory category(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            DiffCategory category = DiffCategory.valueOf(name.trim().toUpperCase(Locale.ROOT));
            if (category.listed()) {
                return category;
            }
        } catch (IllegalArgumentException unknown) {
            // answered below
        }
        throw new IllegalArgumentException("category \"" + name + "\" is not one the diff lists: use one of "
                + Arrays.stream(DiffCategory.values()).filter(DiffCategory::listed).toList());
    }
}
