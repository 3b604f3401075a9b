package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.smtprc.owners.Owner;
import org.smtprc.owners.Owners;
import org.smtprc.owners.OwnersCsv;

import java.util.List;

/**
 * The owners list: who owns which network. Read as JSON or CSV; replaced whole by a CSV file (operators), in one
 * transaction: a bad record is refused with its line number and nothing changes. Holding an owner's notices
 * records them without sending them.
 */
@Path("/owners")
@Produces(MediaType.APPLICATION_JSON)
public class OwnersResource {

    static final String CSV = "text/csv";

    public record OwnerView(long id, String network, String owner, String contact, String reference,
                            boolean noticesHeld) {

        static OwnerView of(Owner o) {
            return new OwnerView(o.id(), o.network().toString(), o.name(), o.contact(), o.reference(), o.noticesHeld());
        }
    }

    @Inject
    Owners owners;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest http;

    @GET
    public List<OwnerView> list() {
        return owners.all().stream().map(OwnerView::of).toList();
    }

    /** Asked for by {@code Accept: text/csv}; JSON stays the answer to {@code Accept: *}{@code /*}. */
    @GET
    @Produces(CSV + ";qs=0.5")
    public Response export() {
        return Response.ok(OwnersCsv.write(owners.all()), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"owners.csv\"").build();
    }

    @PUT
    @Consumes(CSV)
    public Owners.Replaced replace(String csv) {
        return owners.replace(csv, Actors.of(security, http));
    }

    @POST
    @Path("{id}/hold")
    public OwnerView hold(@PathParam("id") long id) {
        return OwnerView.of(owners.hold(id, true, Actors.of(security, http)));
    }

    @POST
    @Path("{id}/release")
    public OwnerView release(@PathParam("id") long id) {
        return OwnerView.of(owners.hold(id, false, Actors.of(security, http)));
    }
}
