package org.smtprc.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The relay-test battery: named envelope forms and named profiles (lists of forms), read from a text file the
 * operator may edit. The format is documented at the top of the built-in file {@value #BUILT_IN_RESOURCE}:
 *
 * <pre>
 * form    NAME  MAIL-FROM  RCPT-TO
 * profile NAME  FORM-NAME...      (or "*" for every form, in file order)
 * </pre>
 */
public final class Battery {

    public static final String BUILT_IN_RESOURCE = "/smtprc/battery.conf";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("[ \\t]+");
    private static final String ALL_FORMS = "*";

    private final List<RelayForm> forms;
    private final Map<String, List<RelayForm>> profiles;

    private Battery(List<RelayForm> forms, Map<String, List<RelayForm>> profiles) {
        this.forms = List.copyOf(forms);
        this.profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    }

    /** The battery shipped with SmtpRC. */
    public static Battery builtIn() {
        InputStream in = Battery.class.getResourceAsStream(BUILT_IN_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the built-in relay-test battery " + BUILT_IN_RESOURCE
                    + " is missing from the application; rebuild or reinstall SmtpRC");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, "battery.conf");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in relay-test battery", e);
        }
    }

    /** An operator's battery file (UTF-8). */
    public static Battery load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.getFileName().toString());
        }
    }

    /**
     * @param sourceName the file name used in error messages
     * @throws BatteryFormatException naming the line and what is wrong
     */
    public static Battery parse(Reader reader, String sourceName) throws IOException {
        return new Parser(sourceName).parse(new BufferedReader(reader));
    }

    /** @throws UnknownProfileException when the battery defines no such profile, listing those it defines */
    public List<RelayForm> profile(String name) {
        List<RelayForm> profile = profiles.get(name);
        if (profile == null) {
            throw new UnknownProfileException(name, profiles());
        }
        return profile;
    }

    /**
     * The profile's forms with those named in {@code first} moved to the front, each group in profile order; names
     * the profile lacks are ignored. A re-check tries first the forms its hosts accepted before.
     */
    public List<RelayForm> profile(String name, Collection<String> first) {
        List<RelayForm> forms = profile(name);
        if (first.isEmpty()) {
            return forms;
        }
        List<RelayForm> ordered = new ArrayList<>(forms.size());
        forms.stream().filter(form -> first.contains(form.name())).forEach(ordered::add);
        forms.stream().filter(form -> !first.contains(form.name())).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    /** Profile names in file order. */
    public Set<String> profiles() {
        return profiles.keySet();
    }

    /** Every form in file order. */
    public List<RelayForm> forms() {
        return forms;
    }

    /** Reads one file; remembers where each profile was declared so unknown form names point at that line. */
    private static final class Parser {
        private final String source;
        private final Map<String, RelayForm> forms = new LinkedHashMap<>();
        private final Map<String, Integer> formLines = new HashMap<>();
        private final Map<String, List<String>> profileForms = new LinkedHashMap<>();
        private final Map<String, Integer> profileLines = new HashMap<>();
        private int lineNumber;

        Parser(String source) {
            this.source = source;
        }

        Battery parse(BufferedReader reader) throws IOException {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String content = withoutComment(line).strip();
                if (!content.isEmpty()) {
                    parseLine(FIELD_SEPARATOR.split(content));
                }
            }
            if (forms.isEmpty() || profileForms.isEmpty()) {
                throw new BatteryFormatException(source, lineNumber,
                        "the battery needs at least one 'form' line and one 'profile' line");
            }
            return new Battery(List.copyOf(forms.values()), resolveProfiles());
        }

        /** '#' starts a comment at the start of a line or after a blank, so it may still appear inside a field. */
        private static String withoutComment(String line) {
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    return line.substring(0, i);
                }
            }
            return line;
        }

        private void parseLine(String[] fields) {
            switch (fields[0]) {
                case "form" -> parseForm(fields);
                case "profile" -> parseProfile(fields);
                default -> fail("unknown keyword '" + fields[0] + "'; a line starts with 'form' or 'profile'");
            }
        }

        private void parseForm(String[] fields) {
            if (fields.length < 4) {
                fail(fields.length == 1 ? "form has no name, MAIL-FROM or RCPT-TO"
                        : "form '" + fields[1] + "' needs NAME MAIL-FROM RCPT-TO but has only "
                        + (fields.length - 1) + " field(s)");
            }
            if (fields.length > 4) {
                fail("form '" + fields[1] + "' has " + (fields.length - 1)
                        + " fields, expected NAME MAIL-FROM RCPT-TO (addresses may not contain blanks)");
            }
            String name = checkedName("form", fields[1]);
            if (forms.containsKey(name)) {
                fail("form '" + name + "' is defined twice (first on line " + formLines.get(name) + ")");
            }
            for (String template : List.of(fields[2], fields[3])) {
                RelayForm.macroProblem(template).ifPresent(problem -> fail("form '" + name + "': " + problem));
            }
            forms.put(name, new RelayForm(name, fields[2], fields[3]));
            formLines.put(name, lineNumber);
        }

        private void parseProfile(String[] fields) {
            if (fields.length < 3) {
                fail(fields.length == 1 ? "profile has no name and no forms"
                        : "profile '" + fields[1] + "' names no forms; list form names or '*' for all");
            }
            String name = checkedName("profile", fields[1]);
            if (profileForms.containsKey(name)) {
                fail("profile '" + name + "' is defined twice (first on line " + profileLines.get(name) + ")");
            }
            List<String> members = List.of(fields).subList(2, fields.length);
            if (members.contains(ALL_FORMS) && members.size() > 1) {
                fail("profile '" + name + "': '*' already means every form; list nothing else with it");
            }
            Set<String> unique = new LinkedHashSet<>();
            for (String member : members) {
                if (!unique.add(member)) {
                    fail("profile '" + name + "' names form '" + member + "' twice");
                }
            }
            profileForms.put(name, members);
            profileLines.put(name, lineNumber);
        }

        /** Profiles may name forms defined further down, so they are resolved once the whole file is read. */
        private Map<String, List<RelayForm>> resolveProfiles() {
            Map<String, List<RelayForm>> resolved = new LinkedHashMap<>();
            profileForms.forEach((profile, members) -> {
                List<RelayForm> list = new ArrayList<>();
                if (members.equals(List.of(ALL_FORMS))) {
                    list.addAll(forms.values());
                } else {
                    for (String member : members) {
                        RelayForm form = forms.get(member);
                        if (form == null) {
                            throw new BatteryFormatException(source, profileLines.get(profile),
                                    "profile '" + profile + "' names unknown form '" + member + "'");
                        }
                        list.add(form);
                    }
                }
                resolved.put(profile, List.copyOf(list));
            });
            return resolved;
        }

        private String checkedName(String kind, String name) {
            if (!NAME.matcher(name).matches()) {
                fail(kind + " name '" + name + "' may use only a-z, 0-9, '.', '_' and '-', starting with a letter"
                        + " or digit");
            }
            return name;
        }

        private void fail(String reason) {
            throw new BatteryFormatException(source, lineNumber, reason);
        }
    }
}
