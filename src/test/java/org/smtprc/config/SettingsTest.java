package org.smtprc.config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings as WildFly's MicroProfile Config gives them: system properties (ordinal 400) over environment variables
 * (300, under MicroProfile Config's name mapping) over the defaults; bad values name the setting both ways.
 */
class SettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        Settings settings = settings(Map.of(), Map.of());
        assertThat(settings.scope()).isEqualTo("127.0.0.0/8,::1");
        assertThat(settings.maxInFlight()).isEqualTo(2_000);
        assertThat(settings.recheckDelay()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.receiverStartTls()).isTrue();
        assertThat(settings.receiverBindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.receiverPort()).isEqualTo(10_025);
    }

    @Test
    void environmentVariablesFollowMicroProfileConfigsNameMapping() {
        Settings settings = settings(Map.of(), Map.of(
                "SMTPRC_SCOPE", "192.0.2.0/24",
                "SMTPRC_HELO_NAME", "scanner.example.net",
                "SMTPRC_MAX_IN_FLIGHT", "300",
                "SMTPRC_RECHECK_DELAY_MS", "60000",
                "SMTPRC_RECEIVER_MAX_CONNECTIONS_PER_ADDRESS", "7",
                "SMTPRC_RECEIVER_STARTTLS", "FALSE",
                "SMTPRC_RECEIVER_PORT", "2525"));
        assertThat(settings.scope()).isEqualTo("192.0.2.0/24");
        assertThat(settings.heloName()).isEqualTo("scanner.example.net");
        assertThat(settings.maxInFlight()).isEqualTo(300);
        assertThat(settings.recheckDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.receiverMaxConnectionsPerAddress()).isEqualTo(7);
        assertThat(settings.receiverStartTls()).isFalse();
        assertThat(settings.receiverPort()).isEqualTo(2525);
    }

    @Test
    void theEnvironmentNameIsTheOneMicroProfileConfigLooksUp() {
        for (String key : List.of("smtprc.scope", "smtprc.receiver.max-connections-per-address",
                "smtprc.recheck.delay-ms", "smtprc.notices.template-dir")) {
            Settings settings = settings(Map.of(), Map.of(Settings.environmentName(key), "1"));
            assertThat(settings.value(key)).as(key).contains("1");
        }
        assertThat(Settings.environmentName("smtprc.receiver.tls.key-store-password"))
                .isEqualTo("SMTPRC_RECEIVER_TLS_KEY_STORE_PASSWORD");
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        Settings settings = settings(Map.of("smtprc.scope", "198.51.100.0/24"), Map.of("SMTPRC_SCOPE", "192.0.2.0/24"));
        assertThat(settings.scope()).isEqualTo("198.51.100.0/24");
    }

    @Test
    void blankMeansTheDefault() {
        assertThat(settings(Map.of("smtprc.max-in-flight", "  "), Map.of()).maxInFlight()).isEqualTo(2_000);
        assertThat(settings(Map.of(), Map.of("SMTPRC_HELO_NAME", " a.example.net ")).heloName())
                .isEqualTo("a.example.net");
    }

    @Test
    void aBadValueNamesTheSettingAndItsEnvironmentVariable() {
        assertThatThrownBy(() -> settings(Map.of(), Map.of("SMTPRC_MAX_IN_FLIGHT", "many")).maxInFlight())
                .hasMessageContaining("smtprc.max-in-flight").hasMessageContaining("SMTPRC_MAX_IN_FLIGHT")
                .hasMessageContaining("\"many\"").hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> settings(Map.of("smtprc.confirmation-window-ms", "-5"), Map.of()).confirmationWindow())
                .hasMessageContaining("smtprc.confirmation-window-ms").hasMessageContaining("0 or more");
        assertThatThrownBy(() -> settings(Map.of("smtprc.chunk-size", "3000000000"), Map.of()).chunkSize())
                .hasMessageContaining("smtprc.chunk-size").hasMessageContaining("up to 2147483647");
        assertThatThrownBy(() -> settings(Map.of(), Map.of("SMTPRC_RESUME_INTERRUPTED", "yes")).resumeInterrupted())
                .hasMessageContaining("SMTPRC_RESUME_INTERRUPTED").hasMessageContaining("true or false");
    }

    /**
     * Every setting of the README's Configuration table is in its environment variables table, under the name the
     * server maps it from (the datasource's smtprc.db.* are WildFly expressions: system properties only).
     */
    @Test
    void theReadmeNamesEachSettingsEnvironmentVariable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String configuration = section(readme, "## Configuration", "### Environment variables");
        String environment = section(readme, "### Environment variables", "### The battery file");
        List<String> properties = Pattern.compile("(?m)^\\| ([^|]*)\\|").matcher(configuration).results()
                .flatMap(cell -> names(cell.group(1), "smtprc\\.[a-z0-9.-]+").stream())
                .filter(name -> !name.startsWith("smtprc.db.")).toList();
        Map<String, String> documented = Pattern.compile("(?m)^\\| `(smtprc\\.[a-z0-9.-]+)` \\| `([A-Z0-9_]+)` \\|")
                .matcher(environment).results().collect(Collectors.toMap(m -> m.group(1), m -> m.group(2)));
        assertThat(properties).containsAll(keysReadBySettings());
        for (String property : properties) {
            assertThat(documented).as("the environment variable of " + property)
                    .containsEntry(property, Settings.environmentName(property));
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(properties);
    }

    @Test
    void theReceiverSettingsSayWhetherTheyAreSetSoThatTheSocketBindingDecidesOtherwise() {
        Settings unset = settings(Map.of(), Map.of());
        assertThat(unset.receiverAddressSetting()).isEmpty();
        assertThat(unset.receiverPortSetting()).isEmpty();
        Settings set = settings(Map.of("smtprc.receiver.port", "2525"), Map.of("SMTPRC_RECEIVER_ADDRESS", "127.0.86.3"));
        assertThat(set.receiverAddressSetting()).contains("127.0.86.3");
        assertThat(set.receiverPortSetting()).contains(2525);
        assertThatThrownBy(() -> settings(Map.of("smtprc.receiver.port", "smtp"), Map.of()).receiverPortSetting())
                .hasMessageContaining("SMTPRC_RECEIVER_PORT");
    }

    private static List<String> keysReadBySettings() throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/smtprc/config/Settings.java"));
        List<String> keys = Pattern.compile("\"(smtprc\\.[a-z0-9.-]+)\"").matcher(source).results()
                .map(m -> m.group(1)).distinct().toList();
        assertThat(keys).hasSizeGreaterThan(40);
        return keys;
    }

    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        return text.substring(start, text.indexOf(to, start));
    }

    private static List<String> names(String cell, String pattern) {
        return Pattern.compile("`(" + pattern + ")`").matcher(cell).results().map(m -> m.group(1)).toList();
    }

    private static Settings settings(Map<String, String> systemProperties, Map<String, String> environment) {
        return new Settings(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(systemProperties, "system properties", 400))
                .withSources(new EnvConfigSource(environment, 300))
                .build());
    }
}
