package io.terafab.power.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.terafab.contract.GridStateRecorded;
import io.terafab.contract.InvalidEventException;
import io.terafab.contract.MeterReadingReported;
import io.terafab.power.domain.MeterQuantity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payloads power-service adds to the contract: they survive JSON and refuse what no asset could read. */
class PowerPayloadsTest {

    private static final Instant T0 = Instant.parse("2027-01-01T06:00:00Z");
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void bothPayloadsSurviveAJsonRoundTrip() throws Exception {
        List<Object> payloads = List.of(
                new MeterReadingReported("meter-1", "solar-1", "solar-output", 42.5, T0),
                new GridStateRecorded(
                        "terafab-1",
                        T0,
                        450,
                        370,
                        370,
                        370,
                        0,
                        80,
                        0,
                        0,
                        16_650,
                        137,
                        List.of(new GridStateRecorded.SourceState("grid", "grid", 400, 370, false)),
                        List.of(new GridStateRecorded.LoadState("fab", 150, 184, 150, 12.5, 562.5, 4.6)),
                        List.of(new GridStateRecorded.BatteryState("bess-1", 0.5, 100, 0, 0))));
        for (Object payload : payloads) {
            String text = json.writeValueAsString(payload);
            assertThat(json.readValue(text, payload.getClass())).as(text).isEqualTo(payload);
        }
    }

    @Test
    void aMeterReadingOutOfAnyAssetsRangeIsRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> new MeterReadingReported("m", "grid", "voltage", 1, T0))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("quantity must be one of");
        assertThatThrownBy(() -> new MeterReadingReported("m", "bess-1", "battery-soc", 1.5, T0))
                .hasMessageContaining("fraction in [0, 1]");
        assertThatThrownBy(() -> new MeterReadingReported("m", "gt-1", "breaker", 0.5, T0))
                .hasMessageContaining("0 (open) or 1 (closed)");
        assertThatThrownBy(() -> new MeterReadingReported("m", "grid", "grid-import-limit", -1, T0))
                .hasMessageContaining("value must be a finite number >= 0");
        assertThatThrownBy(() -> new MeterReadingReported("m", " ", "breaker", 1, T0))
                .hasMessage("asset is required");
        assertThatThrownBy(() -> new MeterReadingReported("m", "grid", "breaker", 1, null))
                .hasMessage("at is required");
    }

    @Test
    void everyQuantityOfTheContractIsOneTheModelKnows() {
        assertThat(MeterReadingReported.QUANTITIES)
                .allSatisfy(
                        code -> assertThat(MeterQuantity.ofCode(code)).as(code).isPresent())
                .hasSize(MeterQuantity.values().length);
    }
}
