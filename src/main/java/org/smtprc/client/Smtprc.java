package org.smtprc.client;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The terminal client: {@code smtprc scan|scans|hosts|report|stop|restart}, a thin client of the REST API.
 * Exit status: {@value #DONE} done and no proven relay, {@value #RELAYS} proven relays found, {@value #BAD_INPUT} bad
 * input (the API's message printed), {@value #SERVER_ERROR} server or connection error.
 */
public final class Smtprc {

    static final int DONE = 0;
    static final int RELAYS = 1;
    static final int BAD_INPUT = 2;
    static final int SERVER_ERROR = 3;

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int PAGE = 500;
    private static final Set<String> FINAL = Set.of("COMPLETED", "STOPPED", "FAILED", "ABANDONED", "INTERRUPTED");

    private final ApiClient api;
    private final Terminal terminal;
    private final PrintStream out;

    private Smtprc(ApiClient api, Terminal terminal, PrintStream out) {
        this.api = api;
        this.terminal = terminal;
        this.out = out;
    }

    public static void main(String[] args) {
        boolean tty = Boolean.getBoolean("smtprc.client.tty");
        System.exit(run(List.of(args), System.getenv(), Path.of(System.getProperty("user.home")), System.out,
                System.err, tty));
    }

    static int run(List<String> args, Map<String, String> environment, Path home, PrintStream out, PrintStream err,
                   boolean tty) {
        try {
            Invocation invocation = Invocation.parse(args);
            if (invocation.command() == Invocation.Command.HELP) {
                out.println(Invocation.USAGE);
                return DONE;
            }
            Login login = Login.from(environment, home);
            return new Smtprc(new ApiClient(login), new Terminal(out, tty), out).execute(invocation);
        } catch (Invocation.UsageException e) {
            err.println("smtprc: " + e.getMessage());
            return BAD_INPUT;
        } catch (ApiClient.RefusedException e) {
            err.println("smtprc: refused (" + e.status + "): " + e.getMessage());
            return BAD_INPUT;
        } catch (ApiClient.ServerException e) {
            err.println("smtprc: " + Terminal.visible(e.getMessage()));
            return SERVER_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("smtprc: interrupted");
            return SERVER_ERROR;
        } catch (IllegalArgumentException e) {
            err.println("smtprc: " + Terminal.visible(String.valueOf(e.getMessage())));
            return SERVER_ERROR;
        }
    }

    private int execute(Invocation invocation) throws InterruptedException {
        return switch (invocation.command()) {
            case SCAN -> scan(invocation);
            case SCANS -> {
                terminal.scans(Json.array(api.get("api/scans")));
                yield DONE;
            }
            case HOSTS -> hosts(invocation.scanId(), invocation.option("verdict"), invocation.option("sort"));
            case REPORT -> {
                api.download("api/scans/" + invocation.scanId() + "/report", out);
                yield DONE;
            }
            case STOP, RESTART -> {
                String action = invocation.command().name().toLowerCase();
                Map<String, Object> scan = Json.object(api.post("api/scans/" + invocation.scanId() + "/" + action, null));
                terminal.line("scan " + Json.text(scan, "id") + ": " + Terminal.cell(Json.text(scan, "status"), 20)
                        + detail(scan));
                yield DONE;
            }
            case HELP -> DONE;
        };
    }

    private int scan(Invocation invocation) throws InterruptedException {
        StringBuilder body = new StringBuilder("{\"targets\": ").append(Json.quote(invocation.targets()));
        for (String field : List.of("exclude", "ports", "profile")) {
            if (invocation.option(field) != null) {
                body.append(", \"").append(field).append("\": ").append(Json.quote(invocation.option(field)));
            }
        }
        Map<String, Object> scan = Json.object(api.post("api/scans", body.append('}').toString()));
        long id = Json.number(scan, "id");
        terminal.line("scan " + id + " started: " + Terminal.cell(Json.text(scan, "targets"), 200));
        if (!Json.text(scan, "skipped").isEmpty()) {
            terminal.line(Terminal.cell(Json.text(scan, "skipped"), 500));
        }
        if (!invocation.watch()) {
            return DONE;
        }
        while (!FINAL.contains(Json.text(scan, "status"))) {
            terminal.progress(scan);
            Thread.sleep(POLL.toMillis());
            scan = Json.object(api.get("api/scans/" + id));
        }
        terminal.progress(scan);
        terminal.endProgress();
        int status = hosts(id, null, null);
        if (!"COMPLETED".equals(Json.text(scan, "status"))) {
            terminal.line("the scan ended " + Terminal.cell(Json.text(scan, "status"), 20) + detail(scan));
            return status == RELAYS ? RELAYS : SERVER_ERROR;
        }
        return status;
    }

    /**
     * The scan's hosts (by verdict if asked) as a table, in the server's order (the report's, or the sort asked: the
     * server checks the key); exit status 1 when the scan proved relays.
     */
    private int hosts(long id, String verdict, String sort) {
        List<Map<String, Object>> hosts = new ArrayList<>();
        String filter = parameter("verdict", verdict) + parameter("sort", sort);
        for (int offset = 0; ; offset += PAGE) {
            List<Object> page = Json.array(api.get("api/scans/" + id + "/hosts?offset=" + offset + "&limit=" + PAGE
                    + filter));
            page.forEach(host -> hosts.add(Json.object(host)));
            if (page.size() < PAGE) {
                break;
            }
        }
        terminal.hosts(hosts);
        Map<String, Object> scan = Json.object(api.get("api/scans/" + id));
        Map<String, Object> counts = scan.get("counts") instanceof Map<?, ?> ? Json.object(scan.get("counts")) : Map.of();
        List<String> summary = new ArrayList<>();
        counts.forEach((name, count) -> summary.add(count + " " + Terminal.cell(name, 40)));
        terminal.line("scan " + id + " " + Terminal.cell(Json.text(scan, "status"), 20) + ": "
                + (summary.isEmpty() ? "no hosts" : String.join(", ", summary)));
        long proven = Verdicts.proven(counts);
        if (proven > 0) {
            terminal.line(proven + " proven open relay" + (proven == 1 ? "" : "s"));
            return RELAYS;
        }
        return DONE;
    }

    private static String parameter(String name, String value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String detail(Map<String, Object> scan) {
        String detail = Json.text(scan, "statusDetail");
        return detail.isEmpty() ? "" : " (" + Terminal.cell(detail, 300) + ")";
    }
}
