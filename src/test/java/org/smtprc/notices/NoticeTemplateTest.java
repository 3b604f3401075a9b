package org.smtprc.notices;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeTemplateTest {

    @Test
    void fillsSubjectAndBody() {
        NoticeTemplate template = NoticeTemplate.parse("Subject: Relay at {owner} (scan {scan})\r\n\r\nDear {owner},\n"
                + "{hosts}\nfix: {remediation}\n", "t");
        Map<String, String> values = Map.of("owner", "Alpha", "scan", "7", "hosts", "  198.51.100.1:25",
                "remediation", "https://fix.example/");
        assertThat(template.subject(values)).isEqualTo("Relay at Alpha (scan 7)");
        assertThat(template.body(values)).isEqualTo("Dear Alpha,\n  198.51.100.1:25\nfix: https://fix.example/\n");
    }

    @Test
    void hostTextAndMultiLineValuesMayNotBeInTheSubject() {
        for (String placeholder : NoticeTemplate.BODY_PLACEHOLDERS) {
            assertThatThrownBy(() -> NoticeTemplate.parse("Subject: x {" + placeholder + "}\n\nbody", "t"))
                    .as(placeholder).hasMessageContaining("line 1").hasMessageContaining("may not be in the subject");
        }
        assertThatThrownBy(() -> NoticeTemplate.parse("Subject: x\n\nbody\n{banner}\n", "t"))
                .hasMessageContaining("line 4").hasMessageContaining("unknown placeholder {banner}");
        assertThatThrownBy(() -> NoticeTemplate.parse("Dear owner\n", "t")).hasMessageContaining("Subject:");
        assertThatThrownBy(() -> NoticeTemplate.parse("Subject: x\nBcc: y@example.org\n\nbody", "t"))
                .hasMessageContaining("line 2").hasMessageContaining("blank");
    }

    @Test
    void aSubjectValueCannotStartAHeader() {
        NoticeTemplate template = NoticeTemplate.parse("Subject: about {owner}\n\n{owner}\n", "t");
        String subject = template.subject(Map.of("owner", "Alpha\r\nBcc: victim@example.org\u0000" + "x".repeat(500)));
        assertThat(subject).doesNotContain("\r", "\n", "\u0000").startsWith("about Alpha\\r\\nBcc:")
                .hasSizeLessThanOrEqualTo(NoticeTemplate.SUBJECT_LIMIT);
    }

    @Test
    void theBuiltInTemplatesParse() {
        for (NoticeKind kind : NoticeKind.values()) {
            assertThat(NoticeTemplates.builtIn(kind).subject(Map.of("scan", "1"))).as(kind.name()).isNotBlank();
        }
    }
}
