package org.smtprc.owners;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnersCsvTest {

    private static final String HEADER = "network,owner,contact,reference\r\n";

    @Test
    void readsQuotedFieldsInAnyColumnOrder() {
        List<OwnersCsv.Row> rows = OwnersCsv.parse("""
                contact,network,owner,held
                abuse@alpha.example,198.51.100.0/24,"Alpha, Inc.",true
                "noc@beta.example",2001:DB8:0:0::/48,"Beta ""the second"" Ltd",
                """);
        assertThat(rows).hasSize(2);
        Owner alpha = rows.get(0).owner();
        assertThat(alpha.network()).hasToString("198.51.100.0/24");
        assertThat(alpha.name()).isEqualTo("Alpha, Inc.");
        assertThat(alpha.contact()).isEqualTo("abuse@alpha.example");
        assertThat(alpha.reference()).isNull();
        assertThat(alpha.noticesHeld()).isTrue();
        Owner beta = rows.get(1).owner();
        assertThat(beta.network()).as("canonical IPv6").hasToString("2001:db8::/48");
        assertThat(beta.name()).isEqualTo("Beta \"the second\" Ltd");
        assertThat(beta.noticesHeld()).isFalse();
        assertThat(rows.get(1).heldGiven()).isTrue();
        assertThat(rows.get(1).line()).isEqualTo(3);
    }

    @Test
    void skipsBlankLinesAndAByteOrderMarkAndNamesTheLineARecordStartsOn() {
        assertThatThrownBy(() -> OwnersCsv.parse("\uFEFF" + HEADER + "\r\n"
                + "198.51.100.0/24,\"Alpha\",abuse@alpha.example,ticket-1\r\n"
                + "203.0.113.0/24,\"Gamma\r\nGroup\",not-an-address,\r\n"
                + "2001:db8::/32,Delta,abuse@delta.example,\r\n"))
                .isInstanceOf(OwnersCsvException.class)
                .hasMessageContaining("line 4").hasMessageContaining("line break")
                .hasMessageContaining("nothing was imported");
        assertThat(OwnersCsv.parse(HEADER + "\n\n203.0.113.0/24,Gamma,abuse@gamma.example,C-1\n"))
                .singleElement().satisfies(row -> assertThat(row.line()).isEqualTo(4));
    }

    @Test
    void aLineBreakInANameOrReferenceIsRefused() {
        assertThatThrownBy(() -> OwnersCsv.parse(HEADER + "198.51.100.0/24,\"Alpha\r\nBcc: x@evil.example\","
                + "abuse@alpha.example,\n"))
                .isInstanceOf(OwnersCsvException.class).hasMessageContaining("line 2")
                .hasMessageContaining("line break");
    }

    @Test
    void badCidrsAreNamedWithTheirLine() {
        for (String bad : new String[]{"198.51.100.1/24", "198.51.100.0/33", "198.51.100.0-198.51.100.9",
                "example.org", "198.51.100.0/24 203.0.113.0/24", "", "::ffff:192.0.2.0/120"}) {
            assertThatThrownBy(() -> OwnersCsv.parse(HEADER + "203.0.113.0/24,Gamma,abuse@gamma.example,\n\"" + bad
                    + "\",Alpha,abuse@alpha.example,\n"))
                    .as(bad).isInstanceOf(OwnersCsvException.class)
                    .satisfies(e -> assertThat(((OwnersCsvException) e).line()).isEqualTo(3));
        }
    }

    @Test
    void badContactsAreRefused() {
        for (String bad : new String[]{"abuse", "abuse@", "@alpha.example", "abuse@alpha", "a b@alpha.example",
                "abuse@alpha.example\r\nBcc: victim@example.org", "Alpha <abuse@alpha.example>", "a..b@alpha.example",
                "abuse@alpha.example,other@alpha.example", "x".repeat(250) + "@alpha.example"}) {
            assertThatThrownBy(() -> OwnersCsv.parse(HEADER + "198.51.100.0/24,Alpha,\"" + bad + "\",\n"))
                    .as(bad).isInstanceOf(OwnersCsvException.class).hasMessageContaining("line 2");
        }
    }

    @Test
    void aNetworkTwiceIsRefusedNamingBothLines() {
        assertThatThrownBy(() -> OwnersCsv.parse(HEADER + "198.51.100.0/24,Alpha,abuse@alpha.example,\n"
                + "203.0.113.0/24,Gamma,abuse@gamma.example,\n"
                + "198.51.100.000/24,Beta,abuse@beta.example,\n"))
                .isInstanceOf(OwnersCsvException.class).hasMessageContaining("line 4");
        assertThatThrownBy(() -> OwnersCsv.parse(HEADER + "2001:db8::/32,Alpha,abuse@alpha.example,\n"
                + "2001:0DB8:0::/32,Beta,abuse@beta.example,\n"))
                .isInstanceOf(OwnersCsvException.class)
                .hasMessageContaining("line 3").hasMessageContaining("already on line 2");
    }

    @Test
    void aBadHeaderOrShapeIsRefused() {
        assertThatThrownBy(() -> OwnersCsv.parse("")).hasMessageContaining("line 1").hasMessageContaining("empty");
        assertThatThrownBy(() -> OwnersCsv.parse("network,owner\n")).hasMessageContaining("no column contact");
        assertThatThrownBy(() -> OwnersCsv.parse("network,owner,contact,colour\n"))
                .hasMessageContaining("unknown column \"colour\"");
        assertThatThrownBy(() -> OwnersCsv.parse(HEADER + "198.51.100.0/24,Alpha,abuse@alpha.example\n"))
                .hasMessageContaining("line 2").hasMessageContaining("3 fields");
        assertThatThrownBy(() -> OwnersCsv.parse(HEADER + "198.51.100.0/24,Al\"pha,abuse@alpha.example,\n"))
                .hasMessageContaining("line 2").hasMessageContaining("quote");
        assertThatThrownBy(() -> OwnersCsv.parse(HEADER + "198.51.100.0/24,\"Alpha,abuse@alpha.example,\n"))
                .hasMessageContaining("line 2").hasMessageContaining("never closed");
        assertThatThrownBy(() -> OwnersCsv.parse("network,owner,contact,held\n198.51.100.0/24,A,a@alpha.example,maybe\n"))
                .hasMessageContaining("line 2").hasMessageContaining("true or false");
    }

    @Test
    void whatIsWrittenReadsBackAndFormulasAreDefused() {
        List<Owner> owners = OwnersCsv.parse(HEADER
                + "198.51.100.0/24,\"Alpha, Inc.\",abuse@alpha.example,\"T \"\"1\"\"\"\n"
                + "2001:db8::/32,=HYPERLINK(1),noc@beta.example,\n").stream().map(OwnersCsv.Row::owner).toList();
        String written = OwnersCsv.write(owners);
        assertThat(written).startsWith("network,owner,contact,reference,held\r\n").contains("'=HYPERLINK(1)");
        List<Owner> again = OwnersCsv.parse(written).stream().map(OwnersCsv.Row::owner).toList();
        assertThat(again.get(0)).isEqualTo(owners.get(0));
        assertThat(again.get(1).name()).isEqualTo("'=HYPERLINK(1)");
    }
}
