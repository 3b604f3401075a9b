package org.smtprc.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenKeysTest {

    /** Shapes of the management model's answer to export-secret-key (these keys are made up for the test). */
    private static final String EXPORTED = "{\"key\" : \"RUxZAUuEOGrRUqpyMfSmJT7VDWxj6586y3LKkuBEjS1jDdqAKA==\"}";
    private static final String OTHER = "{\"key\" : \"RUxZAUsthjGaAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\"}";

    @Test
    void theTokenKeyFollowsTheStoredKeyAndOnlyIt() {
        byte[] key = TokenKeys.keyFrom(EXPORTED);

        assertThat(key).hasSize(32);
        assertThat(TokenKeys.keyFrom(EXPORTED.replace(" : ", ":"))).isEqualTo(key);
        assertThat(TokenKeys.keyFrom(OTHER)).isNotEqualTo(key);
    }

    @Test
    void anAnswerWithoutAKeySaysWhatToRun() {
        assertThatThrownBy(() -> TokenKeys.keyFrom("{}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wildfly-config/secrets.cli").hasMessageContaining("smtprc-token-key");
        assertThatThrownBy(() -> TokenKeys.keyFrom(null)).hasMessageContaining("secrets.cli");
    }
}
