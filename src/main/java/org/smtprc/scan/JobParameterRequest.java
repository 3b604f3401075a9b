package org.smtprc.scan;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A scan request given as the job parameters of a {@code relay-scan} job started from WildFly's CLI:
 * {@code targets}, {@code exclude}, {@code ports}, {@code profile}, and each option of {@code POST /api/scans} under
 * its own name ({@code confirmationWindowMs="0"}). The values are then checked exactly as the API checks them.
 */
public final class JobParameterRequest {

    static final Set<String> FIELDS = Set.of("targets", "exclude", "ports", "profile");
    /** Read by the job itself, not part of the request. */
    static final Set<String> JOB_ONLY = Set.of("chunkTimeoutSeconds");
    private static final RecordComponent[] OPTIONS = ScanRequest.Options.class.getRecordComponents();

    private JobParameterRequest() {
    }

    /** Whether the parameters ask the job to create its scan (rather than run the one a {@code scanId} names). */
    public static boolean asksForScan(Properties parameters) {
        return parameters.getProperty("targets") != null;
    }

    /**
     * The request the parameters make. {@code jobChunkSize} is the chunk size the job runs with (its
     * {@code chunkSize} parameter, or the job's default when it has none): the scan records that one.
     */
    public static ScanRequest from(Properties parameters, int jobChunkSize) {
        Set<String> unknown = new TreeSet<>(parameters.stringPropertyNames());
        unknown.removeAll(FIELDS);
        unknown.removeAll(JOB_ONLY);
        unknown.removeIf(name -> name.startsWith("jberet.") || Arrays.stream(OPTIONS).anyMatch(o -> o.getName().equals(name)));
        if (!unknown.isEmpty()) {
            throw new InvalidScanRequestException("unknown job parameter(s) " + unknown + ": give targets, exclude, ports,"
                    + " profile and the options of POST /api/scans by name ("
                    + Arrays.stream(OPTIONS).map(RecordComponent::getName).collect(Collectors.joining(", ")) + ")");
        }
        Object[] values = Arrays.stream(OPTIONS)
                .map(o -> o.getName().equals("chunkSize") ? jobChunkSize : value(o, parameters.getProperty(o.getName())))
                .toArray();
        ScanRequest.Options options;
        try {
            options = ScanRequest.Options.class
                    .getDeclaredConstructor(Arrays.stream(OPTIONS).map(RecordComponent::getType).toArray(Class[]::new))
                    .newInstance(values);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build the scan options from job parameters", e);
        }
        return new ScanRequest(parameters.getProperty("targets"), parameters.getProperty("exclude"),
                parameters.getProperty("ports"), parameters.getProperty("profile"), options);
    }

    /** A whole number the job runs with, such as its {@code chunkSize} property. */
    public static long number(Properties properties, String name) {
        String value = properties.getProperty(name);
        try {
            return Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException notNumber) {
            throw new InvalidScanRequestException(name + "=\"" + value + "\" is not a whole number");
        }
    }

    private static Object value(RecordComponent option, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        Class<?> type = option.getType();
        if (type == String.class) {
            return trimmed;
        }
        if (type == Boolean.class) {
            return switch (trimmed.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new InvalidScanRequestException(option.getName() + "=\"" + trimmed
                        + "\" is not a yes/no value: use true or false");
            };
        }
        try {
            return type == Integer.class ? (Object) Integer.valueOf(trimmed) : (Object) Long.valueOf(trimmed);
        } catch (NumberFormatException notNumber) {
            throw new InvalidScanRequestException(option.getName() + "=\"" + trimmed + "\" is not a whole number");
        }
    }
}
