package org.smtprc.schedule;

import jakarta.ejb.ScheduleExpression;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * When a schedule runs, in the calendar syntax of Jakarta EE timers ({@code @Schedule}): each field a value, a list
 * ({@code Mon,Thu}), a range ({@code 1-5}), a wildcard ({@code *}) or, for second, minute and hour, an increment
 * ({@code *}{@code /10}). Unset fields take the Jakarta defaults (second, minute and hour 0, the others any); an unset
 * time zone is the server's, written down when the schedule is stored so that it does not move with the server.
 */
public record CalendarExpression(String second, String minute, String hour, String dayOfMonth, String month,
                                 String dayOfWeek, String year, String timezone) {

    private static final int MAX_FIELD_CHARS = 200;
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,4}");
    private static final Pattern ORDINAL_DAY = Pattern.compile("(1st|2nd|3rd|4th|5th|last) +([a-z]{3})");

    /** The expression with defaults filled in and every field checked; the message names the field at fault. */
    public CalendarExpression normalized(ZoneId serverZone) {
        return new CalendarExpression(
                field("second", second, "0", true, v -> inRange(v, 0, 59), "0 to 59"),
                field("minute", minute, "0", true, v -> inRange(v, 0, 59), "0 to 59"),
                field("hour", hour, "0", true, v -> inRange(v, 0, 23), "0 to 23"),
                field("dayOfMonth", dayOfMonth, "*", false, CalendarExpression::dayOfMonthValue,
                        "1 to 31, -7 to -1 (days before the last), Last, or e.g. \"1st Mon\", \"Last Fri\""),
                field("month", month, "*", false, v -> inRange(v, 1, 12) || MONTHS.contains(v), "1 to 12 or Jan to Dec"),
                field("dayOfWeek", dayOfWeek, "*", false, v -> inRange(v, 0, 7) || DAYS.contains(v),
                        "0 to 7 (0 and 7 are Sunday) or Sun to Sat"),
                field("year", year, "*", false, v -> v.length() == 4 && inRange(v, 1000, 9999), "a four-digit year"),
                zone(timezone, serverZone));
    }

    /** One line an operator reads back: the fields that restrict something, then the time zone. */
    public String text() {
        List<String> parts = new ArrayList<>();
        parts.add("second=" + second);
        parts.add("minute=" + minute);
        parts.add("hour=" + hour);
        restricting("dayOfMonth", dayOfMonth, parts);
        restricting("month", month, parts);
        restricting("dayOfWeek", dayOfWeek, parts);
        restricting("year", year, parts);
        parts.add("timezone=" + timezone);
        return String.join(" ", parts);
    }

    /** For the timer service; call on a {@linkplain #normalized normalized} expression. */
    public ScheduleExpression toScheduleExpression() {
        return new ScheduleExpression().second(second).minute(minute).hour(hour).dayOfMonth(dayOfMonth).month(month)
                .dayOfWeek(dayOfWeek).year(year).timezone(timezone);
    }

    private static void restricting(String name, String value, List<String> parts) {
        if (!value.equals("*")) {
            parts.add(name + "=" + (value.contains(" ") ? "\"" + value + "\"" : value));
        }
    }

    private static String field(String name, String given, String fallback, boolean increments,
                                Predicate<String> single, String accepted) {
        if (given == null || given.isBlank()) {
            return fallback;
        }
        String value = given.trim().replaceAll("\\s+", " ");
        if (value.length() > MAX_FIELD_CHARS) {
            throw new InvalidScheduleException("when." + name + " is longer than " + MAX_FIELD_CHARS + " characters");
        }
        for (String item : value.split(",", -1)) {
            if (!validItem(item.trim().toLowerCase(Locale.ROOT), increments, single)) {
                throw new InvalidScheduleException("when." + name + " \"" + value + "\" is not understood at \""
                        + item.trim() + "\": use " + accepted + ", a list (a,b), a range (a-b) or *"
                        + (increments ? ", or an increment such as */10 or 5/15" : ""));
            }
        }
        return value;
    }

    private static boolean validItem(String item, boolean increments, Predicate<String> single) {
        if (item.equals("*")) {
            return true;
        }
        int slash = item.indexOf('/');
        if (slash >= 0) {
            String start = item.substring(0, slash);
            String step = item.substring(slash + 1);
            return increments && (start.equals("*") || single.test(start)) && inRange(step, 1, 59);
        }
        if (single.test(item)) {
            return true;
        }
        // a range a-b; a value itself may start with a minus (dayOfMonth -3), so try every split
        for (int dash = item.indexOf('-', 1); dash > 0; dash = item.indexOf('-', dash + 1)) {
            String from = item.substring(0, dash).trim();
            String to = item.substring(dash + 1).trim();
            if (single.test(from) && single.test(to)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dayOfMonthValue(String value) {
        if (inRange(value, 1, 31) || inRange(value, -7, -1) || value.equals("last")) {
            return true;
        }
        var ordinal = ORDINAL_DAY.matcher(value);
        return ordinal.matches() && DAYS.contains(ordinal.group(2));
    }

    private static boolean inRange(String value, int min, int max) {
        if (!NUMBER.matcher(value).matches()) {
            return false;
        }
        int number = Integer.parseInt(value);
        return number >= min && number <= max;
    }

    /** Only zones the JDK knows: the timer service would take an unknown id silently as GMT. */
    private static String zone(String given, ZoneId serverZone) {
        if (given == null || given.isBlank()) {
            return serverZone.getId();
        }
        String id = given.trim();
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            Set<String> examples = new TreeSet<>(List.of("UTC", "Europe/Berlin", "America/New_York"));
            throw new InvalidScheduleException("when.timezone \"" + (id.length() > 60 ? id.substring(0, 60) + "…" : id)
                    + "\" is not a known time zone: use a region id such as " + String.join(", ", examples));
        }
        return id;
    }
}
