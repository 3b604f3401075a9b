package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.smtprc.history.HostHistory;

/** One address's history across scans (and, once they record it, notices and re-checks), newest first. */
@Path("/hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    @Inject
    HostHistory history;

    @GET
    @Path("{address}")
    public HostHistory.Page history(@PathParam("address") String address,
                                    @QueryParam("offset") @DefaultValue("0") int offset,
                                    @QueryParam("limit") @DefaultValue("100") int limit) {
        return history.of(address, offset, limit);
    }
}
