package org.smtprc.receiver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Symbolic links in a Maildir are never followed, on real files: a link in new/ or cur/ to a file elsewhere (here a
 * "secret" beside the Maildir) is not read, not handed on, not moved, and is named in a warning; new/ or cur/ that is
 * itself a link is refused with the reason.
 */
class MaildirLinksTest {

    private static final String PROBE = "relaytest@probe.test";
    private static final String SECRET = "Subject: not mail\r\n\r\nthe credential store's bytes\r\n";

    @TempDir
    Path sandbox;

    private Path root;
    private Path secret;
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void maildirBesideASecret() throws IOException {
        root = sandbox.resolve("Maildir");
        for (String folder : List.of("new", "cur", "tmp")) {
            Files.createDirectories(root.resolve(folder));
        }
        secret = Files.writeString(sandbox.resolve("secret.cs"), SECRET, StandardCharsets.ISO_8859_1);
        Logger.getLogger(Maildir.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(Maildir.class.getName()).removeHandler(capture);
    }

    @Test
    void aLinkInNewToAFileOutsideIsSkippedAndNamedWhileRealMailIsTaken() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("new/1700000001.M1P1.mx"), secret);
        Files.writeString(root.resolve("new/1700000002.M2P1.mx"), "Subject: real\r\n\r\nrelayed\r\n");
        List<ReceivedMail> taken = new ArrayList<>();

        int count = new Maildir(root, 4096).drain(taken::add, PROBE);

        assertThat(count).isEqualTo(1);
        assertThat(taken).extracting(m -> new String(m.data(), StandardCharsets.ISO_8859_1))
                .containsExactly("Subject: real\r\n\r\nrelayed\r\n");
        assertThat(Files.isSymbolicLink(link)).as("the link stays where it was, unflagged").isTrue();
        assertThat(Files.readString(secret)).isEqualTo(SECRET);
        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning.getMessage())
                .contains("skipped 1 entries", "symbolic links are never followed",
                        "new/1700000001.M1P1.mx (symbolic link)"));
    }

    @Test
    void aLinkInCurWithoutTheSeenFlagIsSkippedToo() throws Exception {
        Files.createSymbolicLink(root.resolve("cur/1700000003.M3P1.mx:2,F"), secret);
        List<ReceivedMail> taken = new ArrayList<>();

        assertThat(new Maildir(root, 4096).drain(taken::add, PROBE)).isZero();

        assertThat(taken).isEmpty();
        assertThat(root.resolve("cur/1700000003.M3P1.mx:2,F")).isSymbolicLink();
        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning.getMessage())
                .contains("cur/1700000003.M3P1.mx:2,F (symbolic link)"));
    }

    @Test
    void aLinkToAnotherMessageInsideTheMaildirIsNotFollowedEither() throws Exception {
        Path real = Files.writeString(root.resolve("cur/1.A.mx:2,S"), "Subject: read\r\n\r\n");
        Files.createSymbolicLink(root.resolve("new/2.B.mx"), real);

        assertThat(new Maildir(root, 4096).unread()).isEmpty();
    }

    @Test
    void readingAFileThatWasSwappedForALinkFailsInsteadOfFollowingIt() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("new/3.C.mx"), secret);

        assertThatThrownBy(() -> MaildirMessage.read(link, 4096)).isInstanceOf(IOException.class);
    }

    @Test
    void aNewFolderThatIsALinkIsRefusedWithTheReason() throws Exception {
        Path elsewhere = Files.createDirectories(sandbox.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("1.D.mx"), SECRET);
        Files.delete(root.resolve("new"));
        Files.createSymbolicLink(root.resolve("new"), elsewhere);
        List<ReceivedMail> taken = new ArrayList<>();

        assertThatThrownBy(() -> new Maildir(root, 4096).drain(taken::add, PROBE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("new/ is a symbolic link, which SmtpRC does not follow");
        assertThat(taken).isEmpty();
    }
}
