package io.terafab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadValidationTest {

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyPayloadSurvivesAJsonRoundTrip() throws Exception {
        List<Object> payloads = List.of(
                new WaferOutRecorded("LOT-1", "TFA-1", 25, Map.of("bin1", 10), T0, T0.plusSeconds(60)),
                new PowerDrawReported("fab", 250, 200, 200.0, T0),
                new PowerDrawReported("fab", 250, 200, 200.0, T0, Map.of("litho", 80.0), 117.5),
                new BudgetIssued("dc", 100, 120, true, T0, T0.plusSeconds(300)),
                new CapacityRequested("capreq-1", 72, null, 1),
                new AcceleratorsAllocated("capreq-1", "TFA-1-bin1", "rack-00001", List.of("a", "b")),
                new JobSubmitted("job-1", "research", "training", 64, 12, 1),
                new JobStarted("job-1", "research", 64, 1, 1, false, 30, T0),
                new JobStarted("job-1", "research", 144, 2, 1, false, 30, T0, List.of("rack-00001", "rack-00002")),
                new JobResumed("job-1", "research", 64, 1, 1, "preempted", 30, T0, List.of("rack-00003")),
                new WaferOutRecorded(
                        "LOT-2", "TFA-1", 25, Map.of("bin1", 10), T0, T0.plusSeconds(60), 1.0, "hot", 5_000L, 2_000L),
                new BudgetIssued(
                        "fab",
                        230,
                        245,
                        true,
                        T0,
                        T0.plusSeconds(300),
                        new BudgetIssued.Settled(T0.minusSeconds(60), T0, 3_836_667, 1_457_933, 237_873, 380, 62)),
                new AcceleratorsAllocated(
                        "capreq-2",
                        "TFA-1-bin1",
                        "rack-00002",
                        List.of("a", "b", "c"),
                        List.of(
                                new AcceleratorsAllocated.Origin("L1/TFA-1-bin1", "L1", 2, 181_000, 68_500),
                                new AcceleratorsAllocated.Origin("L2/TFA-1-bin1", "L2", 1, 179_500, 67_900))));
        for (Object payload : payloads) {
            String text = json.writeValueAsString(payload);
            assertThat(json.readValue(text, payload.getClass())).as(text).isEqualTo(payload);
        }
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> new WaferOutRecorded("LOT-1", "TFA-1", 0, Map.of(), T0, T0))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("wafers must be > 0, was 0");
        assertThatThrownBy(() -> new WaferOutRecorded("LOT-1", "TFA-1", 1, Map.of("bin1", -1), T0, T0))
                .hasMessage("goodDiesByBin[bin1] must be >= 0, was -1");
        assertThatThrownBy(() -> new WaferOutRecorded("LOT-1", "TFA-1", 1, Map.of(), T0, T0.minusSeconds(1)))
                .hasMessageContaining("is before startedAt");
        assertThatThrownBy(() -> new PowerDrawReported("fab", Double.NaN, 0, null, T0))
                .hasMessageContaining("demandMw must be a finite number >= 0");
        assertThatThrownBy(() -> new CapacityRequested(" ", 1, null, 0)).hasMessage("requestId is required");
        assertThatThrownBy(() -> new AcceleratorsAllocated("r", "s", "rack", List.of()))
                .hasMessage("acceleratorIds must not be empty");
        assertThatThrownBy(() -> new AcceleratorsAllocated(
                        "r",
                        "s",
                        "rack",
                        List.of("a", "b"),
                        List.of(new AcceleratorsAllocated.Origin("b", "l", 1, 0, 0))))
                .hasMessage("origins cover 1 accelerators, acceleratorIds name 2");
        assertThatThrownBy(() -> new BudgetIssued.Settled(T0, T0.minusSeconds(1), 0, 0, 0, 0, 0))
                .hasMessageContaining("is before settled.from");
        assertThatThrownBy(() -> new WaferOutRecorded("L", "TFA-1", 1, Map.of(), T0, T0, null, null, -1L, null))
                .hasMessage("energyWh must be >= 0, was -1");
        assertThatThrownBy(() -> new JobSubmitted("j", "t", "gaming", 1, 1, 0))
                .hasMessage("kind must be training or inference, was gaming");
        assertThatThrownBy(() -> new JobStarted("j", "t", 144, 2, 1, false, 0, T0, List.of("rack-00001")))
                .hasMessage("rackIds name 1 racks, racks is 2");
        assertThatThrownBy(() -> new JobResumed("j", "t", 144, 2, 1, "paused", 0, T0, List.of("r-1", "r-1")))
                .hasMessage("rackIds name a rack twice: [r-1, r-1]");
    }

    @Test
    void aPowerDrawFloorIsOptionalAndLiesBetweenZeroAndTheDemand() throws Exception {
        PowerDrawReported withoutFloor = json.readValue("""
                {"consumer":"fab","demandMw":250.0,"drawMw":200.0,"budgetMw":null,"at":"2027-01-01T00:00:00Z",
                 "drawByAreaMw":{"litho":80.0}}""", PowerDrawReported.class);
        assertThat(withoutFloor.floorMw()).isNull();
        assertThat(new PowerDrawReported("dc", 50, 40, null, T0).floorMw()).isNull();
        assertThat(new PowerDrawReported("fab", 250, 250, null, T0, null, 250.0).floorMw())
                .isEqualTo(250.0);
        assertThat(new PowerDrawReported("fab", 250, 200, null, T0, null, 0.0).floorMw())
                .isZero();

        assertThatThrownBy(() -> new PowerDrawReported("fab", 250, 200, null, T0, null, -1.0))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("floorMw must be a finite number >= 0");
        assertThatThrownBy(() -> new PowerDrawReported("fab", 250, 200, null, T0, null, Double.NaN))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("floorMw");
        assertThatThrownBy(() -> new PowerDrawReported("fab", 250, 200, null, T0, null, 250.5))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("floorMw must be <= demandMw (250.0), was 250.5");
    }
}
