package org.smtprc.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.smtprc.audit.Actor;
import org.smtprc.schedule.ScanSchedule;
import org.smtprc.schedule.ScheduleRequest;
import org.smtprc.schedule.Schedules;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Recurring scans over HTTP: create, read, change, pause, resume and delete schedules. */
@Path("/schedules")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    private static final int SHOWN = 20;

    @Inject
    Schedules schedules;

    @Context
    HttpServletRequest http;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ScheduleRequest request) {
        ScanSchedule schedule = schedules.create(request, actor());
        // relative to the application's base URI (/smtprc/api/)
        return Response.created(URI.create("schedules/" + schedule.getId())).entity(detailed(schedule)).build();
    }

    @GET
    public List<ScheduleView> list() {
        Map<Long, Instant> next = schedules.nextRuns();
        return schedules.all().stream()
                .map(s -> ScheduleView.of(s, schedules.scanRequest(s), next.get(s.getId()), null, null))
                .toList();
    }

    @GET
    @Path("{id}")
    public ScheduleView get(@PathParam("id") long id) {
        return detailed(schedules.find(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ScheduleView change(@PathParam("id") long id, ScheduleRequest request) {
        return detailed(schedules.change(id, request, actor()));
    }

    @POST
    @Path("{id}/pause")
    public ScheduleView pause(@PathParam("id") long id) {
        return detailed(schedules.pause(id, actor()));
    }

    @POST
    @Path("{id}/resume")
    public ScheduleView resume(@PathParam("id") long id) {
        return detailed(schedules.resume(id, actor()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        schedules.delete(id, actor());
        return Response.noContent().build();
    }

    private ScheduleView detailed(ScanSchedule schedule) {
        long id = schedule.getId();
        return ScheduleView.of(schedule, schedules.scanRequest(schedule), schedules.nextRuns().get(id),
                schedules.runs(id, SHOWN), schedules.scans(id, SHOWN));
    }

    private Actor actor() {
        return Actors.of(http);
    }
}
