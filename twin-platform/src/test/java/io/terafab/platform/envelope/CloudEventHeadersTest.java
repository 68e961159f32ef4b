package io.terafab.platform.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private static RecordHeaders complete() {
        RecordHeaders h = new RecordHeaders();
        put(h, "ce_specversion", "1.0");
        put(h, "ce_id", "e-1");
        put(h, "ce_type", "io.terafab.fab.wafer-out-recorded.v1");
        put(h, "ce_source", "fab-service");
        put(h, "ce_subject", "LOT-1");
        put(h, "ce_time", "2027-01-02T03:04:05Z");
        return h;
    }

    private static void put(RecordHeaders h, String name, String value) {
        h.remove(name);
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsACompleteEnvelope() {
        EventEnvelope e = CloudEventHeaders.read(complete());
        assertThat(e)
                .isEqualTo(new EventEnvelope(
                        "e-1",
                        "io.terafab.fab.wafer-out-recorded.v1",
                        "fab-service",
                        "LOT-1",
                        Instant.parse("2027-01-02T03:04:05Z")));
    }

    @Test
    void acceptsAnOffsetTimestamp() {
        RecordHeaders h = complete();
        put(h, "ce_time", "2027-01-02T05:04:05+02:00");
        assertThat(CloudEventHeaders.read(h).time()).isEqualTo(Instant.parse("2027-01-02T03:04:05Z"));
    }

    @Test
    void namesEveryMissingAttribute() {
        RecordHeaders h = complete();
        h.remove("ce_id");
        h.remove("ce_source");
        assertThatThrownBy(() -> CloudEventHeaders.read(h))
                .isInstanceOfSatisfying(
                        RejectedEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MISSING_ENVELOPE))
                .hasMessage("missing-envelope: no ce_id, no ce_source");
    }

    @Test
    void rejectsARecordWithoutHeaders() {
        assertThatThrownBy(() -> CloudEventHeaders.read(new RecordHeaders()))
                .hasMessageStartingWith("missing-envelope: no ce_specversion");
    }

    @Test
    void rejectsAnotherSpecVersionAndAnUnreadableTime() {
        RecordHeaders h = complete();
        put(h, "ce_specversion", "0.3");
        put(h, "ce_time", "yesterday");
        assertThatThrownBy(() -> CloudEventHeaders.read(h))
                .hasMessageContaining("ce_specversion is '0.3'")
                .hasMessageContaining("ce_time 'yesterday' is not an RFC 3339 timestamp");
    }
}
