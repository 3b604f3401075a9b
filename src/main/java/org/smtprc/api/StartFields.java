package org.smtprc.api;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import org.smtprc.addresses.AddressSpace;
import org.smtprc.addresses.OutOfScopeException;
import org.smtprc.addresses.ScanTooLargeException;
import org.smtprc.addresses.TargetSyntaxException;
import org.smtprc.probe.UnknownProfileException;
import org.smtprc.scan.ScanRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which field of a start request a refusal is about ("targets", "exclude", "ports", "profile", "options.heloName"),
 * added to the error as {@code field} so that a form (the console's) shows the message next to the field that caused
 * it. A syntax error names no field by itself: the ports and the exclusions are then parsed alone to find the culprit.
 */
final class StartFields {

    private static final Pattern OPTION = Pattern.compile("^(options\\.[A-Za-z]+)");
    /** Any valid target, so that the ports or the exclusions can be parsed on their own. */
    private static final String SOME_TARGET = "127.0.0.1";
    private static final String SOME_PORT = "25";

    private StartFields() {
    }

    /** The error answer the API gives for this refusal, with the field it is about when one is known. */
    static Response answer(ScanRequest request, RuntimeException refusal) {
        Response plain = new ErrorMapper().toResponse(refusal);
        Optional<String> field = blame(request, refusal instanceof EJBException && refusal.getCause() != null
                ? refusal.getCause() : refusal);
        if (field.isEmpty() || !(plain.getEntity() instanceof Map<?, ?> error)) {
            return plain;
        }
        var located = new LinkedHashMap<Object, Object>(error);
        located.put("field", field.get());
        return Response.status(plain.getStatus()).type(plain.getMediaType()).entity(located).build();
    }

    static Optional<String> blame(ScanRequest request, Throwable cause) {
        if (cause instanceof UnknownProfileException) {
            return Optional.of("profile");
        }
        if (cause instanceof OutOfScopeException || cause instanceof ScanTooLargeException) {
            return Optional.of("targets");
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        Matcher option = OPTION.matcher(message);
        if (option.find()) {
            return Optional.of(option.group(1));
        }
        if (cause instanceof TargetSyntaxException && request != null) {
            if (request.ports() != null && !request.ports().isBlank() && !parses(SOME_TARGET, request.ports())) {
                return Optional.of("ports");
            }
            if (request.exclude() != null && !request.exclude().isBlank() && !parses(request.exclude(), SOME_PORT)) {
                return Optional.of("exclude");
            }
            return Optional.of("targets");
        }
        return message.startsWith("targets") ? Optional.of("targets") : Optional.empty();
    }

    private static boolean parses(String targets, String ports) {
        try {
            AddressSpace.parse(targets, "", ports);
            return true;
        } catch (IllegalArgumentException bad) {
            return false;
        }
    }
}
