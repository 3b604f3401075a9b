package org.smtprc.scan;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobParameterRequestTest {

    private static Properties parameters(String... pairs) {
        Properties parameters = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.setProperty(pairs[i], pairs[i + 1]);
        }
        return parameters;
    }

    @Test
    void fieldsAndOptionsAreReadByTheirApiNames() {
        ScanRequest request = JobParameterRequest.from(parameters("targets", "192.0.2.0/29", "exclude", "192.0.2.7",
                "ports", "25,587", "profile", "full", "rcptOnly", "TRUE", "confirmationWindowMs", " 0 ",
                "partitions", "2", "heloName", "scanner.example.net", "chunkTimeoutSeconds", "600",
                "jberet.restart.mode", "detect"), 10);

        assertThat(request.targets()).isEqualTo("192.0.2.0/29");
        assertThat(request.exclude()).isEqualTo("192.0.2.7");
        assertThat(request.ports()).isEqualTo("25,587");
        assertThat(request.profile()).isEqualTo("full");
        assertThat(request.options().rcptOnly()).isTrue();
        assertThat(request.options().confirmationWindowMs()).isZero();
        assertThat(request.options().partitions()).isEqualTo(2);
        assertThat(request.options().heloName()).isEqualTo("scanner.example.net");
        assertThat(request.options().connectTimeoutMs()).as("left to the installation's default").isNull();
        assertThat(request.options().messagePerForm()).isNull();
    }

    @Test
    void theScanRecordsTheChunkSizeTheJobRunsWith() {
        assertThat(JobParameterRequest.from(parameters("targets", "192.0.2.1"), 100).options().chunkSize())
                .isEqualTo(100);
        assertThat(JobParameterRequest.from(parameters("targets", "192.0.2.1", "chunkSize", "7"), 7).options().chunkSize())
                .isEqualTo(7);
    }

    @Test
    void onlyParametersWithTargetsAskForAScan() {
        assertThat(JobParameterRequest.asksForScan(parameters("targets", "192.0.2.1"))).isTrue();
        assertThat(JobParameterRequest.asksForScan(parameters("scanId", "4", "chunkSize", "10"))).isFalse();
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> JobParameterRequest.from(parameters("targets", "192.0.2.1", "hostBudgetMs", "1m"), 100))
                .isInstanceOf(InvalidScanRequestException.class)
                .hasMessage("hostBudgetMs=\"1m\" is not a whole number");
        assertThatThrownBy(() -> JobParameterRequest.from(parameters("targets", "192.0.2.1", "rcptOnly", "yes"), 100))
                .isInstanceOf(InvalidScanRequestException.class)
                .hasMessage("rcptOnly=\"yes\" is not a yes/no value: use true or false");
    }

    @Test
    void theJobsOwnNumbersAreCheckedToo() {
        assertThat(JobParameterRequest.number(parameters("chunkTimeoutSeconds", " 1925 "), "chunkTimeoutSeconds"))
                .isEqualTo(1925);
        assertThatThrownBy(() -> JobParameterRequest.number(parameters("chunkSize", "many"), "chunkSize"))
                .isInstanceOf(InvalidScanRequestException.class)
                .hasMessage("chunkSize=\"many\" is not a whole number");
    }

    @Test
    void anUnknownParameterIsRefusedWithTheNamesThatWork() {
        assertThatThrownBy(() -> JobParameterRequest.from(parameters("targets", "192.0.2.1", "target", "192.0.2.2",
                "timeoutMs", "5"), 100))
                .isInstanceOf(InvalidScanRequestException.class)
                .hasMessageStartingWith("unknown job parameter(s) [target, timeoutMs]: give targets, exclude, ports,"
                        + " profile and the options of POST /api/scans by name (rcptOnly, recordUnresponsive,")
                .hasMessageContaining("noticesDryRun");
    }
}
