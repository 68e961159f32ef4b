package io.terafab.fab.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.terafab.contract.PowerDrawReported;
import io.terafab.contract.ToolTelemetryReported;
import io.terafab.contract.WaferOutRecorded;
import io.terafab.fab.simulation.ToolReport;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.messaging.EventPayloads;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The payloads fab-service added to or extended in the contract, read as consumers read them:
 * events of the first version still read, and telemetry maps onto the fab's tool reports.
 */
class FabEventPayloadsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");

    private static <T> T read(String json, Class<T> type) throws Exception {
        return EventPayloads.read(MAPPER, MAPPER.readTree(json), type);
    }

    @Test
    void aWaferOutOfTheFirstVersionStillReadsAndTheNewOneCarriesCycleTimeAndLotClass() throws Exception {
        WaferOutRecorded old = read("""
                {"lotId":"LOT-1","product":"TFA-1","wafers":25,"goodDiesByBin":{"bin1":240},
                 "startedAt":"2027-01-01T00:00:00Z","finishedAt":"2027-02-01T00:00:00Z"}""", WaferOutRecorded.class);
        assertThat(old.cycleTimeDays()).isNull();
        assertThat(old.lotClass()).isNull();

        WaferOutRecorded now = new WaferOutRecorded(
                "LOT-1", "TFA-1", 25, Map.of("bin1", 240), T0, T0.plusSeconds(86_400 * 31), 31.0, "hot");
        assertThat(read(MAPPER.writeValueAsString(now), WaferOutRecorded.class)).isEqualTo(now);
        assertThatThrownBy(() -> new WaferOutRecorded("LOT-1", "TFA-1", 25, Map.of(), T0, T0, -1.0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycleTimeDays");
    }

    @Test
    void aPowerDrawOfTheFirstVersionStillReadsAndAreasMustBeNonNegative() throws Exception {
        PowerDrawReported old = read("""
                {"consumer":"dc","demandMw":50.0,"drawMw":40.0,"budgetMw":null,"at":"2027-01-01T00:00:00Z"}""", PowerDrawReported.class);
        assertThat(old.drawByAreaMw()).isNull();

        PowerDrawReported byArea = new PowerDrawReported("fab", 250, 200, null, T0, Map.of("litho", 80.0));
        assertThat(read(MAPPER.writeValueAsString(byArea), PowerDrawReported.class))
                .isEqualTo(byArea);
        assertThatThrownBy(() -> new PowerDrawReported("fab", 250, 200, null, T0, Map.of("litho", -1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("litho");
    }

    @Test
    void telemetryMapsStatesAndOutOfLimitReadingsOntoToolReports() throws Exception {
        assertThat(FabInputs.reportOf(ToolTelemetryReported.state("etch-1.1", "DOWN", T0)))
                .isEqualTo(ToolReport.DOWN);
        assertThat(FabInputs.reportOf(ToolTelemetryReported.state("etch-1.1", "PM", T0)))
                .isEqualTo(ToolReport.PM);
        assertThat(FabInputs.reportOf(ToolTelemetryReported.state("etch-1.1", "UP", T0)))
                .isEqualTo(ToolReport.UP);
        assertThat(FabInputs.reportOf(ToolTelemetryReported.state("etch-1.1", "IDLE", T0)))
                .isEqualTo(ToolReport.UP);
        ToolTelemetryReported hot = read("""
                {"toolId":"etch-1.1","reading":{"quantity":"chamber-temperature","value":95,"min":20,"max":80},
                 "at":"2027-01-01T00:00:00Z"}""", ToolTelemetryReported.class);
        assertThat(hot.outOfLimits()).isTrue();
        assertThat(FabInputs.reportOf(hot)).isEqualTo(ToolReport.DOWN);
        assertThat(new ToolTelemetryReported(
                                "etch-1.1",
                                null,
                                new ToolTelemetryReported.Reading("chamber-temperature", 60, 20, 80),
                                T0)
                        .outOfLimits())
                .isFalse();
    }

    @Test
    void telemetryWithABadStateOrAMalformedReadingIsRejected() {
        assertThatThrownBy(() -> read("""
                {"toolId":"etch-1.1","state":"ON_FIRE","at":"2027-01-01T00:00:00Z"}""", ToolTelemetryReported.class))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("ON_FIRE");
        assertThatThrownBy(() -> read("""
                {"toolId":"etch-1.1","at":"2027-01-01T00:00:00Z"}""", ToolTelemetryReported.class))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> read("""
                {"toolId":"etch-1.1","state":"DOWN","reading":{"quantity":"t","value":1,"min":0,"max":2},
                 "at":"2027-01-01T00:00:00Z"}""", ToolTelemetryReported.class))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> read("""
                {"toolId":"etch-1.1","reading":{"quantity":"t","value":1,"min":5,"max":2},
                 "at":"2027-01-01T00:00:00Z"}""", ToolTelemetryReported.class))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("reading.max");
        assertThatThrownBy(() -> new ToolTelemetryReported.Reading("t", Double.NaN, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reading.value");
    }
}
