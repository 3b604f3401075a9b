package org.smtprc.schedule;

import jakarta.ejb.ScheduleExpression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarExpressionTest {

    private static final ZoneId SERVER = ZoneId.of("Europe/Berlin");

    private static CalendarExpression when(String second, String minute, String hour, String dayOfMonth, String month,
                                           String dayOfWeek, String year, String timezone) {
        return new CalendarExpression(second, minute, hour, dayOfMonth, month, dayOfWeek, year, timezone)
                .normalized(SERVER);
    }

    @Test
    void aWeeklyScheduleTakesTheJakartaDefaultsAndTheServersZoneAndReadsBackOnOneLine() {
        CalendarExpression monday = when(null, null, "2", null, null, "Mon", null, null);

        assertThat(monday).isEqualTo(new CalendarExpression("0", "0", "2", "*", "*", "Mon", "*", "Europe/Berlin"));
        assertThat(monday.text()).isEqualTo("second=0 minute=0 hour=2 dayOfWeek=Mon timezone=Europe/Berlin");
    }

    @Test
    void everyFieldReachesTheTimerServicesExpression() {
        ScheduleExpression expression = when("*/5", "0-30", "1,13", "Last Fri", "Jan-Mar", "*", "2030", "UTC")
                .toScheduleExpression();

        assertThat(expression.getSecond()).isEqualTo("*/5");
        assertThat(expression.getMinute()).isEqualTo("0-30");
        assertThat(expression.getHour()).isEqualTo("1,13");
        assertThat(expression.getDayOfMonth()).isEqualTo("Last Fri");
        assertThat(expression.getMonth()).isEqualTo("Jan-Mar");
        assertThat(expression.getDayOfWeek()).isEqualTo("*");
        assertThat(expression.getYear()).isEqualTo("2030");
        assertThat(expression.getTimezone()).isEqualTo("UTC");
    }

    @Test
    void aValueWithABlankIsQuotedInTheTextAndBlanksAreTidied() {
        CalendarExpression lastFriday = when(" 0 ", null, "3", "Last   Fri", null, null, null, "UTC");

        assertThat(lastFriday.dayOfMonth()).isEqualTo("Last Fri");
        assertThat(lastFriday.text()).isEqualTo("second=0 minute=0 hour=3 dayOfMonth=\"Last Fri\" timezone=UTC");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "second | 30",
            "second | */10",
            "minute | 5/15",
            "minute | 0,15,30,45",
            "hour | 8-17",
            "hour | *",
            "dayOfMonth | -3",
            "dayOfMonth | Last",
            "dayOfMonth | 1st Mon",
            "dayOfMonth | 1-15",
            "dayOfMonth | -7--1",
            "month | Dec",
            "month | 1-6",
            "dayOfWeek | Mon-Fri",
            "dayOfWeek | 0,7",
            "year | 2027-2030",
    })
    void acceptsTheCalendarSyntax(String field, String value) {
        CalendarExpression expression = with(field, value);

        assertThat(expression.text()).contains(field + "=" + (value.contains(" ") ? "\"" + value + "\"" : value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "second | 60 | 0 to 59",
            "minute | -1 | 0 to 59",
            "hour | 24 | 0 to 23",
            "hour | 2pm | 0 to 23",
            "hour | 1-2-3x | 0 to 23",
            "hour | 1,,2 | 0 to 23",
            "dayOfMonth | 32 | Last Fri",
            "dayOfMonth | */2 | Last Fri",
            "dayOfMonth | 6th Mon | Last Fri",
            "month | 13 | Jan to Dec",
            "month | Sept | Jan to Dec",
            "dayOfWeek | 8 | Sun to Sat",
            "dayOfWeek | Monday | Sun to Sat",
            "year | 27 | four-digit",
            "minute | */0 | increment",
    })
    void refusesWhatTheSyntaxDoesNotHaveAndSaysWhatItTakes(String field, String value, String accepted) {
        assertThatThrownBy(() -> with(field, value))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("when." + field + " \"" + value + "\"")
                .hasMessageContaining(accepted);
    }

    @Test
    void refusesATimeZoneTheJdkDoesNotKnowInsteadOfFallingBackToGmt() {
        assertThatThrownBy(() -> when(null, null, "2", null, null, null, null, "Mars/Olympus"))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("\"Mars/Olympus\" is not a known time zone");
    }

    @Test
    void refusesAnOverlongField() {
        assertThatThrownBy(() -> with("minute", "1,".repeat(150) + "2"))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("longer than 200 characters");
    }

    private static CalendarExpression with(String field, String value) {
        return switch (field) {
            case "second" -> when(value, null, null, null, null, null, null, "UTC");
            case "minute" -> when(null, value, null, null, null, null, null, "UTC");
            case "hour" -> when(null, null, value, null, null, null, null, "UTC");
            case "dayOfMonth" -> when(null, null, null, value, null, null, null, "UTC");
            case "month" -> when(null, null, null, null, value, null, null, "UTC");
            case "dayOfWeek" -> when(null, null, null, null, null, value, null, "UTC");
            case "year" -> when(null, null, null, null, null, null, value, "UTC");
            default -> throw new IllegalArgumentException(field);
        };
    }
}
