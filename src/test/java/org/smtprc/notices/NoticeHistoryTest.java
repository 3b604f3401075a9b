package org.smtprc.notices;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeHistoryTest {

    @Test
    void anAddressIsFoundOnlyAsAWholeEndpointOfTheNoticesList() {
        String endpoints = "127.0.70.1:25,127.0.70.11:2525,127.0.70.1:587,[2001:db8::1]:25";

        assertThat(NoticeHistory.portsNamed(endpoints, "127.0.70.1:")).containsExactly(25, 587);
        assertThat(NoticeHistory.portsNamed(endpoints, "127.0.70.11:")).containsExactly(2525);
        assertThat(NoticeHistory.portsNamed(endpoints, "0.70.1:")).as("a tail of an endpoint is not one").isEmpty();
        assertThat(NoticeHistory.portsNamed(endpoints, "[2001:db8::1]:")).containsExactly(25);
        assertThat(NoticeHistory.portsNamed(endpoints, "[2001:db8::]:")).isEmpty();
        assertThat(NoticeHistory.portsNamed("127.0.70.1:x", "127.0.70.1:")).isEmpty();
    }
}
