package org.smtprc.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "probe@probe.test                     | PLAIN        | probe@probe.test",
            "probe%probe.test@[127.0.1.1]         | PERCENT_HACK | probe@probe.test",
            "probe%probe.test@mx.lab.test         | PERCENT_HACK | probe@probe.test",
            "probe.test!probe                     | BANG_PATH    | probe@probe.test",
            "probe.test!probe@[127.0.1.1]         | BANG_PATH    | probe@probe.test",
            "@[127.0.1.1]:probe@probe.test        | SOURCE_ROUTE | probe@probe.test",
            "@mx.lab.test,@b.test:probe@probe.test | SOURCE_ROUTE | probe@probe.test",
            "\"probe@probe.test\"                 | QUOTED       | probe@probe.test",
            "\"probe@probe.test\"@[127.0.1.1]     | QUOTED       | probe@probe.test",
            "\"probe%probe.test\"                 | QUOTED       | probe@probe.test",
            "probe@probe.test@[127.0.1.1]         | DOUBLE_AT    | probe@probe.test",
            "postmaster                           | PLAIN        | postmaster",
    })
    void decodesTheMailboxALenientRelayWouldDeliverTo(String path, EnvelopeFamily family, String mailbox) {
        assertThat(RelayAddress.decode(path)).isEqualTo(new RelayAddress(family, mailbox));
    }
}
