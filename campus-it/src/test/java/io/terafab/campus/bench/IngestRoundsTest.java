package io.terafab.campus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestRoundsTest {

    private static final String OPEN = "applied_events_per_s=20000 raw_consume_events_per_s=80000 ratio=0.250"
            + " p99_ms_at_5k=12.5 p999_ms_at_5k=30.0 p99_worst_topic_at_5k=tool_telemetry live_p50_ms=3.0";
    private static final String SECURED = "applied_events_per_s=17000 p99_ms_at_5k=15.0 p999_ms_at_5k=35.0"
            + " p99_worst_topic_at_5k=meter_readings live_p50_ms=4.0";

    @Test
    void theLastLineStartsWithIssue14sKeysThenTheCostOfSecurityThenEveryOtherFigureOfBothRounds() {
        String line = IngestRounds.combined(IngestRounds.figures(OPEN), IngestRounds.figures(SECURED));

        assertThat(line)
                .startsWith("applied_events_per_s=20000 raw_consume_events_per_s=80000 ratio=0.250"
                        + " p99_ms_at_5k=12.5 p999_ms_at_5k=30.0"
                        + " secure_applied_events_per_s=17000 secure_p99_ms_at_5k=15.0 secure_ratio=0.850 ")
                .contains(" p99_worst_topic_at_5k=tool_telemetry live_p50_ms=3.0")
                .contains(" secure_p999_ms_at_5k=35.0 secure_p99_worst_topic_at_5k=meter_readings")
                .endsWith(" secure_live_p50_ms=4.0");
        assertThat(IngestRounds.figures(line)).containsEntry("secure_ratio", "0.850");
    }

    @Test
    void aRoundThatDidNotReportItsAppliedRateFailsTheRunInsteadOfPrintingAGuess() {
        Map<String, String> open = IngestRounds.figures(OPEN);
        Map<String, String> secured = IngestRounds.figures("p99_ms_at_5k=15.0");

        assertThatThrownBy(() -> IngestRounds.combined(open, secured))
                .hasMessageContaining("security on")
                .hasMessageContaining("applied_events_per_s");
    }
}
