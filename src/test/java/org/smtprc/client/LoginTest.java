package org.smtprc.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginTest {

    @TempDir
    Path home;

    @Test
    void theEnvironmentGivesTheServerAndLogin() {
        Login login = Login.from(Map.of("SMTPRC_URL", "https://127.0.0.1:8443/smtprc", "SMTPRC_USER", "alice",
                "SMTPRC_PASSWORD", "pw"), home);

        assertThat(login.server()).hasToString("https://127.0.0.1:8443/smtprc/");
        assertThat(login.user()).isEqualTo("alice");
        assertThat(login.toString()).doesNotContain("pw");
    }

    @Test
    void anOwnerOnlyFileInTheHomeDirectoryGivesThemAndTheEnvironmentWins() throws Exception {
        Path file = write(home.resolve(Login.DEFAULT_FILE), "rw-------", "user=bob\npassword=from-file\n");

        Login login = Login.from(Map.of("SMTPRC_USER", "carol"), home);

        assertThat(login.server()).hasToString(Login.DEFAULT_URL + "/");
        assertThat(login.user()).isEqualTo("carol");
        assertThat(login.password()).isEqualTo("from-file");
        assertThat(file).exists();
    }

    @Test
    void aFileOthersMayReadIsRefusedWithWhatToDo() throws Exception {
        for (String mode : new String[]{"rw-r-----", "rw----r--", "rw-rw----"}) {
            Path file = write(home.resolve("smtprc-" + mode + ".properties"), mode, "user=bob\npassword=x\n");
            assertThatThrownBy(() -> Login.from(Map.of("SMTPRC_CONFIG", file.toString()), home)).as(mode)
                    .isInstanceOf(Invocation.UsageException.class)
                    .hasMessageContaining("others may read or change it: chmod 600 " + file);
        }
    }

    @Test
    void withoutALoginOrWithABadUrlItSaysWhatToSet() {
        assertThatThrownBy(() -> Login.from(Map.of(), home)).hasMessageContaining("set SMTPRC_USER and SMTPRC_PASSWORD");
        assertThatThrownBy(() -> Login.from(Map.of("SMTPRC_CONFIG", home.resolve("none").toString()), home))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Login.from(Map.of("SMTPRC_URL", "ftp://127.0.0.1/", "SMTPRC_USER", "a",
                "SMTPRC_PASSWORD", "b"), home)).hasMessageContaining("is not an http(s) URL");
    }

    private static Path write(Path file, String mode, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
