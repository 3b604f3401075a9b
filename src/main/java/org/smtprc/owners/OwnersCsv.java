package org.smtprc.owners;

import org.smtprc.addresses.Network;
import org.smtprc.report.SafeText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The owners list as CSV (RFC 4180): a header line naming the columns, then one owner network per record. Columns
 * {@code network}, {@code owner} and {@code contact} are required; {@code reference} and {@code held}
 * ({@code true}/{@code false}, empty for false) are optional, and their order is free. Fields may be quoted
 * ({@code "Example, Inc."}, {@code ""} for a quote); CRLF or LF ends a record; blank lines are skipped. The whole file
 * is checked before anything is used: the first bad record stops the import with its line number.
 */
public final class OwnersCsv {

    static final List<String> COLUMNS = List.of("network", "owner", "contact", "reference", "held");
    private static final List<String> REQUIRED = List.of("network", "owner", "contact");

    private OwnersCsv() {
    }

    /** One owner network as read from the file, with whether the file said anything about holding its notices. */
    public record Row(int line, Owner owner, boolean heldGiven) {
    }

    public static List<Row> parse(String text) {
        Records records = new Records(text.startsWith("\uFEFF") ? text.substring(1) : text);
        Map<String, Integer> columns = header(records);
        List<Row> rows = new ArrayList<>();
        Map<Network, Integer> seen = new HashMap<>();
        for (List<String> fields = records.next(); fields != null; fields = records.next()) {
            int line = records.recordLine();
            if (fields.size() == 1 && fields.getFirst().isBlank()) {
                continue;
            }
            if (fields.size() != columns.size()) {
                throw new OwnersCsvException(line, fields.size() + " fields, but the header names " + columns.size());
            }
            Row row = row(line, fields, columns);
            Integer earlier = seen.putIfAbsent(row.owner().network(), line);
            if (earlier != null) {
                throw new OwnersCsvException(line, "network " + row.owner().network() + " is already on line "
                        + earlier + "; each network may have one owner");
            }
            rows.add(row);
        }
        return rows;
    }

    /** The owners list as a file {@link #parse} reads back; cells a spreadsheet would run as formulas are defused. */
    public static String write(List<Owner> owners) {
        StringBuilder out = new StringBuilder(64 + owners.size() * 96);
        out.append(String.join(",", COLUMNS)).append("\r\n");
        for (Owner owner : owners) {
            out.append(owner.network()).append(',')
                    .append(SafeText.csvCell(owner.name())).append(',')
                    .append(SafeText.csvCell(owner.contact())).append(',')
                    .append(SafeText.csvCell(owner.reference())).append(',')
                    .append(owner.noticesHeld()).append("\r\n");
        }
        return out.toString();
    }

    private static Map<String, Integer> header(Records records) {
        List<String> names = records.next();
        if (names == null) {
            throw new OwnersCsvException(1, "the file is empty; the first line names the columns: "
                    + String.join(",", COLUMNS));
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                throw new OwnersCsvException(records.recordLine(), "unknown column \"" + OwnerText.shown(names.get(i))
                        + "\" in the header; the columns are " + String.join(", ", COLUMNS));
            }
            if (columns.put(name, i) != null) {
                throw new OwnersCsvException(records.recordLine(), "column " + name + " is named twice in the header");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new OwnersCsvException(records.recordLine(), "the header has no column " + required
                        + "; it needs network, owner and contact (reference and held are optional)");
            }
        }
        return columns;
    }

    private static Row row(int line, List<String> fields, Map<String, Integer> columns) {
        Network network;
        try {
            network = Network.parse(field(fields, columns, "network"), "network");
        } catch (IllegalArgumentException bad) {
            throw new OwnersCsvException(line, bad.getMessage());
        }
        String name = field(fields, columns, "owner");
        String contact = field(fields, columns, "contact");
        String reference = field(fields, columns, "reference");
        String problem = name.isEmpty() ? "the owner's name is empty"
                : OwnerText.problem("the owner's name", name, OwnerText.NAME_LIMIT);
        if (problem == null) {
            problem = ContactAddress.problem(contact);
        }
        if (problem == null) {
            problem = OwnerText.problem("the reference", reference, OwnerText.REFERENCE_LIMIT);
        }
        if (problem != null) {
            throw new OwnersCsvException(line, problem);
        }
        String held = field(fields, columns, "held").toLowerCase(Locale.ROOT);
        if (!held.isEmpty() && !held.equals("true") && !held.equals("false")) {
            throw new OwnersCsvException(line, "held \"" + OwnerText.shown(held) + "\" is not true or false");
        }
        return new Row(line, new Owner(null, network, name, contact, reference.isEmpty() ? null : reference,
                held.equals("true")), columns.containsKey("held"));
    }

    private static String field(List<String> fields, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null ? "" : fields.get(index).strip();
    }

    /** RFC 4180 records, one at a time, counting physical lines (a quoted field may hold line breaks). */
    private static final class Records {

        private final String text;
        private int position;
        private int line = 1;
        private int recordLine;

        Records(String text) {
            this.text = text;
        }

        int recordLine() {
            return recordLine;
        }

        /** The next record's fields, or null at the end of the text. */
        List<String> next() {
            if (position >= text.length()) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (quoted) {
                    if (c == '"') {
                        if (position < text.length() && text.charAt(position) == '"') {
                            field.append('"');
                            position++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"') {
                    if (wasQuoted || !field.toString().isBlank()) {
                        throw new OwnersCsvException(line, "a quote inside an unquoted field; quote the whole field"
                                + " and double the quote (\"\")");
                    }
                    field.setLength(0);
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && position < text.length() && text.charAt(position) == '\n') {
                        position++;
                    }
                    line++;
                    fields.add(field.toString());
                    return fields;
                } else if (wasQuoted) {
                    if (!Character.isWhitespace(c)) {
                        throw new OwnersCsvException(line, "text after a closing quote; quote the whole field");
                    }
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new OwnersCsvException(recordLine, "a quoted field is never closed");
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
