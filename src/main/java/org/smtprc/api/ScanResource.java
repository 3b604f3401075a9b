package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.smtprc.audit.Actor;
import org.smtprc.probe.Verdict;
import org.smtprc.scan.HostOrder;
import org.smtprc.scan.InvalidScanRequestException;
import org.smtprc.scan.Scan;
import org.smtprc.scan.ScanReports;
import org.smtprc.scan.ScanRequest;
import org.smtprc.scan.ScanService;
import org.smtprc.scan.Scans;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Scans over HTTP: start, watch, read the verdicts and the report, stop and restart. */
@Path("/scans")
@Tag(name = "scans", description = "start, watch, stop and restart scans; read their verdicts and reports")
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {

    private static final int MAX_PAGE = 1_000;

    @Inject
    ScanService service;

    @Inject
    Scans scans;

    @Inject
    ScanReports reports;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest http;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a scan", description = "Checks the targets against the authorised networks, records the"
            + " scan, audits the start and starts its relay-scan job. The answer's Location and links lead to it.")
    @APIResponse(responseCode = "201", description = "the scan, started")
    @APIResponse(responseCode = "400", description = "malformed targets, ports, profile or options, or more addresses"
            + " than smtprc.max-addresses; nothing is created. The error's field names the request's field at fault"
            + " (targets, exclude, ports, profile, options.NAME)")
    @APIResponse(responseCode = "403", description = "targets outside the authorised networks (error out-of-scope,"
            + " field targets)")
    public Response start(ScanRequest request) {
        Scan scan = service.start(request, actor());
        return Response.created(uri.getBaseUriBuilder().path("scans").path(Long.toString(scan.getId())).build())
                .entity(view(scan)).build();
    }

    @GET
    @Operation(summary = "Recent scans, newest first")
    public List<ScanView> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return scans.recent(Math.max(1, Math.min(limit, MAX_PAGE))).stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A scan: status, progress, counts per verdict, links")
    @APIResponse(responseCode = "200", description = "the scan")
    @APIResponse(responseCode = "404", description = "no such scan (error unknown-scan)")
    public ScanView get(@PathParam("id") long id) {
        return view(scans.find(id));
    }

    @GET
    @Path("{id}/hosts")
    @Operation(summary = "A scan's hosts with verdict and evidence, a page at a time, by verdict if asked, in the"
            + " order asked", description = "sort: verdict (the default: most urgent first, the report's order),"
            + " address (numerically, IPv4 before IPv6), port, banner, durationMs or probedAt; -KEY reverses it."
            + " Hosts the key ranks alike follow in address order, so pages neither overlap nor skip a host.")
    @APIResponse(responseCode = "200", description = "the hosts")
    @APIResponse(responseCode = "400", description = "an unknown verdict or sort key, or a bad offset or limit; the"
            + " message lists what is allowed (error invalid-request)")
    @APIResponse(responseCode = "404", description = "no such scan (error unknown-scan)")
    public List<HostView> hosts(@PathParam("id") long id, @QueryParam("verdict") String verdict,
                                @QueryParam("sort") String sort,
                                @QueryParam("offset") @DefaultValue("0") int offset,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        scans.find(id);
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new InvalidScanRequestException("offset must be 0 or more and limit 1 to " + MAX_PAGE);
        }
        return scans.hosts(id, verdict(verdict), HostOrder.parse(sort), offset, limit).stream().map(HostView::of)
                .toList();
    }

    @GET
    @Path("{id}/blocks")
    @Operation(summary = "A scan's address blocks (partitions): slice, progress, runs")
    @APIResponse(responseCode = "200", description = "the blocks")
    @APIResponse(responseCode = "404", description = "no such scan (error unknown-scan)")
    public List<BlockView> blocks(@PathParam("id") long id) {
        scans.find(id);
        return scans.blocks(id).stream().map(BlockView::of).toList();
    }

    @GET
    @Path("{id}/report")
    @Operation(summary = "The scan's HTML report: open relays first, each with its evidence; made from the database"
            + " when asked, so proof that came late shows")
    @APIResponse(responseCode = "200", description = "the report")
    @APIResponse(responseCode = "404", description = "no such scan (error unknown-scan)")
    @Produces(MediaType.TEXT_HTML)
    public Response report(@PathParam("id") long id) {
        scans.find(id);
        StreamingOutput body = out -> stream(out, writer -> reports.writeHtml(id, writer));
        return Response.ok(body, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-cache")
                .build();
    }

    @GET
    @Path("{id}/report.csv")
    @Operation(summary = "The scan's CSV report: one line per relay test, spreadsheet-safe")
    @APIResponse(responseCode = "200", description = "the report")
    @APIResponse(responseCode = "404", description = "no such scan (error unknown-scan)")
    @Produces("text/csv")
    public Response csv(@PathParam("id") long id) {
        scans.find(id);
        StreamingOutput body = out -> stream(out, writer -> reports.writeCsv(id, writer));
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"smtprc-scan-" + id + ".csv\"").build();
    }

    @POST
    @Path("{id}/stop")
    @Operation(summary = "Stop a scan at its next checkpoint", description = "Send the header X-SmtpRC-Request: 1.")
    @APIResponse(responseCode = "200", description = "the scan, stopping")
    @APIResponse(responseCode = "404", description = "no such scan (error unknown-scan)")
    @APIResponse(responseCode = "409", description = "the scan is not running (error scan-state)")
    public ScanView stop(@PathParam("id") long id) {
        return view(service.stop(id, actor()));
    }

    @POST
    @Path("{id}/restart")
    @Operation(summary = "Continue a stopped, failed or interrupted scan from its checkpoints",
            description = "Send the header X-SmtpRC-Request: 1.")
    @APIResponse(responseCode = "200", description = "the scan, running again")
    @APIResponse(responseCode = "404", description = "no such scan (error unknown-scan)")
    @APIResponse(responseCode = "409", description = "the scan cannot be restarted in its state (error scan-state)")
    public ScanView restart(@PathParam("id") long id) {
        return view(service.restart(id, actor()));
    }

    private Actor actor() {
        return Actors.of(security, http);
    }

    private ScanView view(Scan scan) {
        var counts = new LinkedHashMap<String, Long>();
        scans.counts(scan.getId()).forEach((verdict, n) -> counts.put(verdict.name(), n));
        return ScanView.of(scan, scans.progress(scan.getId()), counts, uri.getBaseUri());
    }

    private static Verdict verdict(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Verdict.valueOf(name.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidScanRequestException("verdict \"" + name + "\" is unknown: use one of "
                    + Arrays.toString(Verdict.values()));
        }
    }

    private interface ReportBody {
        void writeTo(Writer writer) throws IOException;
    }

    private static void stream(OutputStream out, ReportBody body) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        body.writeTo(writer);
        writer.flush();
    }
}
