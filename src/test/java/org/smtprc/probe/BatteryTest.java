package org.smtprc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatteryTest {

    private static Battery parse(String text) throws IOException {
        return Battery.parse(new StringReader(text), "test.conf");
    }

    @Test
    void builtInBatteryHasTheClassicFormsAndProfiles() {
        Battery battery = Battery.builtIn();

        assertThat(battery.forms()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(battery.forms()).extracting(RelayForm::name).doesNotHaveDuplicates()
                .contains("plain", "null-sender", "spoof-postmaster", "spoof-postmaster-ip", "percent-name",
                        "percent-ip", "quoted", "quoted-ip", "quoted-percent", "double-at-ip", "double-at-name",
                        "source-route-ip", "source-route-name", "bang", "bang-ip", "bang-name");
        assertThat(battery.profiles()).contains("quick", "full", "smtprc-classic");
        assertThat(battery.profile("full")).isEqualTo(battery.forms());
        assertThat(battery.profile("quick")).hasSizeBetween(4, 7);
        assertThat(battery.profile("smtprc-classic")).hasSize(8);
        assertThat(battery.forms()).allSatisfy(form -> assertThat(form.rcptTo()).contains("{probe}", "{domain}"));
    }

    @Test
    void builtInBatteryNeverWritesBracketedIpWhereALiteralIsMeant() {
        assertThat(Battery.builtIn().forms())
                .allSatisfy(form -> assertThat(form.mailFrom() + form.rcptTo()).doesNotContain("[{ip}]"));
    }

    @Test
    void parsesCommentsBlanksAndProfilesNamingLaterForms() throws IOException {
        Battery battery = parse("""
                # a comment
                profile mine   second first   # trailing comment

                form first  <a@{domain}>  <{probe}@{domain}>
                form\tsecond <>  <{probe}#x@{domain}>
                profile all *
                """);

        assertThat(battery.profile("mine")).extracting(RelayForm::name).containsExactly("second", "first");
        assertThat(battery.profile("all")).extracting(RelayForm::name).containsExactly("first", "second");
        assertThat(battery.profile("mine").get(0).rcptTo()).isEqualTo("<{probe}#x@{domain}>");
        assertThat(battery.profiles()).containsExactly("mine", "all");
    }

    @Test
    void unknownProfileListsTheKnownOnes() throws IOException {
        Battery battery = parse("form a <> <{probe}@{domain}>\nprofile quick a\nprofile full *\n");

        assertThatThrownBy(() -> battery.profile("fast"))
                .isInstanceOf(UnknownProfileException.class)
                .hasMessage("unknown relay-test profile 'fast'; the battery defines: quick, full");
    }

    @Test
    void reportsEachFormatErrorWithItsLine() {
        String good = "form a <> <{probe}@{domain}>\n";
        assertError(good + "profile quick a foo\n",
                "test.conf line 2: profile 'quick' names unknown form 'foo'");
        assertError("\n\nform a <> <{probe}@{dom}>\nprofile p a\n",
                "test.conf line 3: form 'a': unknown macro {dom}; known macros are {probe}, {domain}, {return}, {ip}, "
                        + "{ipliteral}, {name}, {helo}");
        assertError("form a <> <{probe}@{domain>\n", "test.conf line 1: form 'a': stray '{' or '}'");
        assertError(good + "form b <>\n", "test.conf line 2: form 'b' needs NAME MAIL-FROM RCPT-TO but has only 2");
        assertError(good + "form b <> <x> <y>\n", "test.conf line 2: form 'b' has 4 fields");
        assertError(good + "# note\nform a <x> <y>\n", "test.conf line 3: form 'a' is defined twice (first on line 1)");
        assertError(good + "profile p a\nprofile p a\n", "test.conf line 3: profile 'p' is defined twice");
        assertError(good + "profile p\n", "test.conf line 2: profile 'p' names no forms");
        assertError(good + "profile p a a\n", "test.conf line 2: profile 'p' names form 'a' twice");
        assertError(good + "profile p * a\n", "test.conf line 2: profile 'p': '*' already means every form");
        assertError(good + "recipient a <x>\n", "test.conf line 2: unknown keyword 'recipient'");
        assertError("form Bad! <> <x>\n", "test.conf line 1: form name 'Bad!'");
        assertError("# only a comment\n" + good, "test.conf line 2: the battery needs at least one 'form' line and "
                + "one 'profile' line");
    }

    private static void assertError(String text, String expectedStart) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(BatteryFormatException.class)
                .hasMessageStartingWith(expectedStart);
    }

    @Test
    void loadsAnOperatorsFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site-battery.conf");
        Files.writeString(file, "form a <> <{probe}@{domain}>\nprofile p a b\n");

        assertThatThrownBy(() -> Battery.load(file))
                .isInstanceOf(BatteryFormatException.class)
                .hasMessage("site-battery.conf line 2: profile 'p' names unknown form 'b'")
                .satisfies(e -> assertThat(((BatteryFormatException) e).line()).isEqualTo(2));
    }

    @Test
    void aProfileCanTryNamedFormsFirstAndKeepsEveryFormOnce() throws IOException {
        Battery battery = parse("""
                form a <x@{domain}> <{probe}@{domain}>
                form b <> <{probe}@{domain}>
                form c <> <{probe}%{domain}@{ipliteral}>
                form d <> <{domain}!{probe}>
                profile p a b c d
                """);

        assertThat(battery.profile("p", java.util.List.of("d", "b")))
                .extracting(RelayForm::name).containsExactly("b", "d", "a", "c");
        assertThat(battery.profile("p", java.util.List.of("gone", "c")))
                .extracting(RelayForm::name).containsExactly("c", "a", "b", "d");
        assertThat(battery.profile("p", java.util.List.of())).isEqualTo(battery.profile("p"));
        assertThatThrownBy(() -> battery.profile("nope", java.util.List.of("a")))
                .isInstanceOf(UnknownProfileException.class);
    }
}
