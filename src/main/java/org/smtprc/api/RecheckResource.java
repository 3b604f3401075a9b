package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.smtprc.recheck.RecheckState;
import org.smtprc.recheck.Rechecks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** All re-checks, pending and concluded, and the hosts they found still relaying. */
@Path("/rechecks")
@Produces(MediaType.APPLICATION_JSON)
public class RecheckResource {

    private static final int MAX_PAGE = 1_000;

    @Inject
    Rechecks rechecks;

    @Inject
    RecheckViews views;

    @GET
    public List<RecheckView> list(@QueryParam("state") String state,
                                  @QueryParam("limit") @DefaultValue("50") int limit) {
        return rechecks.recent(state(state), page(limit)).stream().map(views::of).toList();
    }

    /** Hosts re-checks found still relaying, newest first. */
    @GET
    @Path("flagged")
    public List<RecheckView.HostOutcome> flagged(@QueryParam("limit") @DefaultValue("100") int limit) {
        return rechecks.flagged(page(limit)).stream().map(RecheckView.HostOutcome::of).toList();
    }

    private static int page(int limit) {
        return Math.max(1, Math.min(limit, MAX_PAGE));
    }

    private static RecheckState state(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return RecheckState.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("state: use one of " + Arrays.toString(RecheckState.values()));
        }
    }
}
