package org.smtprc.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bounds that keep a lab host's memory small whatever clients send it. */
class LabHostTest {

    @Test
    void commandLogKeepsTheMostRecentCommandsAndTruncatesLongOnes() {
        LabHost host = new LabHost(LoopbackBlock.parseAddress("127.0.1.1", "127.0.1.1"), Personality.CLOSED);
        assertThat(host.commands()).isEmpty();
        for (int i = 1; i <= 5; i++) {
            host.record("NOOP " + i, 3);
        }
        host.record("X".repeat(2000), 3);
        assertThat(host.commands()).hasSize(3).startsWith("NOOP 4", "NOOP 5");
        assertThat(host.commands().getLast()).hasSize(512);
    }

    @Test
    void greylistRemembersEachTriple() {
        LabHost host = new LabHost(LoopbackBlock.parseAddress("127.0.1.1", "127.0.1.1"), Personality.GREYLIST);
        assertThat(host.firstSighting("127.0.0.1", "a@x.test", "b@y.test")).isTrue();
        assertThat(host.firstSighting("127.0.0.1", "a@x.test", "b@y.test")).isFalse();
        assertThat(host.firstSighting("127.0.0.2", "a@x.test", "b@y.test")).isTrue();
        assertThat(host.firstSighting("127.0.0.1", "a@x.test", "c@y.test")).isTrue();
    }

    @Test
    void lineReaderBoundsLinesAndAcceptsBareLf() throws Exception {
        String input = "short\r\n" + "y".repeat(100) + "\r\nbare\nlast";
        LineReader reader = new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(reader.read(10)).satisfies(l -> assertThat(l.text()).isEqualTo("short"), l -> assertThat(l.overlong()).isFalse());
        assertThat(reader.read(10)).satisfies(l -> assertThat(l.text()).isEqualTo("y".repeat(10)), l -> assertThat(l.overlong()).isTrue());
        assertThat(reader.read(10).text()).isEqualTo("bare");
        assertThat(reader.read(10).text()).isEqualTo("last");
        assertThat(reader.read(10)).isNull();
    }

    @Test
    void dotStuffingDoublesLeadingDotsAndEndsWithCrlf() {
        byte[] stuffed = DotStuffing.stuff(".one\r\ntwo\r\n..three".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new String(stuffed, StandardCharsets.ISO_8859_1)).isEqualTo("..one\r\ntwo\r\n...three\r\n");
    }
}
