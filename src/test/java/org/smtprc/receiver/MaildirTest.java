package org.smtprc.receiver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaildirTest {

    private static final String PROBE = "relaytest@probe.test";

    @TempDir
    Path root;

    @Test
    void handsOnUnreadMailOldestFirstWithItsEnvelopeAndFlagsItSeen() throws Exception {
        maildir();
        deliver("new", "1700000002.M2P1.mx", "Return-Path: <probe@probe.test>\r\n"
                + "Delivered-To: relaytest@probe.test\r\nSubject: two\r\n\r\nbody two\r\n", Instant.parse("2024-01-02T00:00:00Z"));
        deliver("new", "1700000001.M1P1.mx", "Subject: one\r\n\r\nbody one\r\n", Instant.parse("2024-01-01T00:00:00Z"));
        deliver("cur", "1700000000.M0P1.mx:2,S", "Subject: read already\r\n\r\n", Instant.parse("2023-12-31T00:00:00Z"));
        List<ReceivedMail> taken = new ArrayList<>();

        int count = new Maildir(root, 4096).drain(taken::add, PROBE);

        assertThat(count).isEqualTo(2);
        assertThat(taken).extracting(m -> new String(m.data(), StandardCharsets.ISO_8859_1))
                .containsExactly("Subject: one\r\n\r\nbody one\r\n",
                        "Return-Path: <probe@probe.test>\r\nDelivered-To: relaytest@probe.test\r\nSubject: two\r\n\r\nbody two\r\n");
        ReceivedMail two = taken.get(1);
        assertThat(two.mailFrom()).isEqualTo("probe@probe.test");
        assertThat(two.recipients()).containsExactly("relaytest@probe.test");
        assertThat(two.receivedAt()).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(two.peer()).startsWith("maildir ");
        assertThat(taken.get(0).recipients()).containsExactly(PROBE);
        try (var left = Files.list(root.resolve("new"))) {
            assertThat(left).isEmpty();
        }
        assertThat(root.resolve("cur/1700000001.M1P1.mx:2,S")).exists();
        assertThat(root.resolve("cur/1700000002.M2P1.mx:2,S")).exists();

        assertThat(new Maildir(root, 4096).drain(taken::add, PROBE)).as("second poll").isZero();
    }

    @Test
    void aMessageTheSinkCouldNotTakeStaysUnreadForTheNextPoll() throws Exception {
        maildir();
        deliver("new", "1.A.mx", "Subject: a\r\n\r\n", Instant.parse("2024-01-01T00:00:00Z"));
        deliver("cur", "2.B.mx:2,F", "Subject: b\r\n\r\n", Instant.parse("2024-01-02T00:00:00Z"));
        Maildir maildir = new Maildir(root, 4096);
        List<String> taken = new ArrayList<>();

        assertThatThrownBy(() -> maildir.drain(mail -> {
            String text = new String(mail.data(), StandardCharsets.ISO_8859_1);
            if (text.contains("Subject: b")) {
                throw new IllegalStateException("queue down");
            }
            taken.add(text);
        }, PROBE)).hasMessage("queue down");

        assertThat(taken).hasSize(1);
        assertThat(maildir.unread()).extracting(m -> m.file().getFileName().toString()).containsExactly("2.B.mx:2,F");
        maildir.drain(mail -> taken.add("again"), PROBE);
        assertThat(root.resolve("cur/2.B.mx:2,FS")).as("flags kept, in order").exists();
    }

    @Test
    void readsAtMostTheSizeLimit() throws Exception {
        maildir();
        deliver("new", "1.big.mx", "Subject: big\r\n\r\n" + "x".repeat(10_000), Instant.now());

        assertThat(new Maildir(root, 1024).unread().getFirst().data()).hasSize(1024);
    }

    @Test
    void aFolderThatIsNoMaildirIsExplained() {
        assertThatThrownBy(() -> new Maildir(root.resolve("nowhere"), 4096).unread())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("smtprc.maildir.path")
                .hasMessageContaining("new/ and cur/");
    }

    private void maildir() throws IOException {
        for (String folder : List.of("new", "cur", "tmp")) {
            Files.createDirectories(root.resolve(folder));
        }
    }

    private Path deliver(String folder, String name, String text, Instant at) throws IOException {
        Path file = Files.writeString(root.resolve(folder).resolve(name), text, StandardCharsets.ISO_8859_1);
        Files.setLastModifiedTime(file, FileTime.from(at));
        return file;
    }
}
