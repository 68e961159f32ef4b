package io.terafab.chip.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.terafab.chip.domain.ChipInventory;
import io.terafab.chip.domain.InventorySettings;
import io.terafab.chip.domain.SkuCatalog;
import io.terafab.chip.domain.SupplyForecast;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventorySnapshotCodecTest {

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");

    private static ChipInventory inventory() {
        return new ChipInventory(
                new SkuCatalog(Set.of("TFA-1"), List.of("bin1", "bin2", "bin3")),
                new InventorySettings(
                        0.98,
                        0.97,
                        72,
                        Duration.ofHours(12),
                        24,
                        Duration.ofDays(7),
                        Duration.ofDays(7),
                        Duration.ofDays(7),
                        5000));
    }

    @Test
    void anInventoryWrittenAsJsonAndReadBackIsTheSameInventory() throws Exception {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        for (int lot = 0; lot < 20; lot++) {
            inv.recordWaferOut(
                    "LOT-" + lot, "TFA-1", Map.of("bin1", 400, "bin2", 800, "bin3", 400), T0.plusSeconds(lot));
        }
        inv.requestCapacity("r1", 500, null, 2, T0);
        inv.requestCapacity("r2", 90_000, "TFA-1-bin3", 1, T0);
        String failed = inv.advanceTo(T0.plus(Duration.ofHours(14)))
                .installs()
                .get(0)
                .acceleratorIds()
                .get(0);
        inv.reportHealth(failed, "rack-00001", true, "XID 79", T0.plus(Duration.ofHours(14)));
        inv.advanceTo(T0.plus(Duration.ofHours(14))); // reports the changed SKUs: the last reports are in the snapshot
        inv.jobs().ran("wl-7-00000408", "research", List.of("rack-00001", "rack-00002"), T0.plusSeconds(60));
        inv.jobs().stopped("wl-7-00000408", T0.plus(Duration.ofHours(13)), "completed");
        inv.jobs().ran("wl-7-00000409", "research", List.of("rack-00001"), T0.plus(Duration.ofHours(13)));

        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        InventorySnapshotCodec codec = new InventorySnapshotCodec(mapper);
        String json = mapper.writeValueAsString(codec.write(inv.state()));
        JsonNode parsed = mapper.readTree(json);

        ChipInventory restored = inventory();
        restored.restore(codec.read(parsed));
        assertThat(restored.state()).isEqualTo(inv.state());
        // batches are compact arrays: [id, lot, sku, sequence, dies, packaged, time, [counts...]]
        assertThat(parsed.at("/batches/0").isArray()).isTrue();
        assertThat(parsed.at("/batches/0/7").isArray()).isTrue();
        assertThat(parsed.at("/racks/0/slices/0").isArray()).isTrue();
        // job runs too: [job, tenant, from, until, endedAs], newest first
        assertThat(parsed.at("/jobsOnRacks/rack-00001/0/0").asText()).isEqualTo("wl-7-00000409");
        assertThat(parsed.at("/jobsOnRacks/rack-00001/1/4").asText()).isEqualTo("completed");
    }

    @Test
    void aSnapshotOfModelVersionOneIsReadWithNoJobsOnItsRacks() throws Exception {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 400), T0);
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        InventorySnapshotCodec codec = new InventorySnapshotCodec(mapper);
        ObjectNode version1 = (ObjectNode) codec.write(inv.state());
        version1.remove("jobsOnRacks"); // the form written before chip-service heard of jobs

        JsonNode migrated = ChipTwin.withNoJobsOnRacks(version1.deepCopy(), mapper);

        assertThat(migrated.get("jobsOnRacks").isObject()).isTrue();
        assertThat(migrated.get("jobsOnRacks").isEmpty()).isTrue();
        ChipInventory restored = inventory();
        restored.restore(codec.read(migrated));
        assertThat(restored.state()).isEqualTo(inv.state());
        assertThat(restored.jobs().racksKept()).isZero();
    }

    /** What one job run costs in the snapshot (ChipConfig's bound on the index is worked out from it). */
    @Test
    void aJobRunTakesAboutNinetyBytesOfSnapshot() throws Exception {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        InventorySnapshotCodec codec = new InventorySnapshotCodec(mapper);
        ChipInventory empty = inventory();
        ChipInventory full = inventory();
        int racks = 100;
        int runsPerRack = 8;
        for (int job = 0; job < racks * runsPerRack; job++) {
            String rack = String.format("rack-%05d", job % racks + 1);
            Instant from = T0.plus(Duration.ofMinutes(job));
            full.jobs().ran(String.format("wl-7-%08d", job), "research", List.of(rack), from);
            full.jobs().stopped(String.format("wl-7-%08d", job), from.plus(Duration.ofHours(30)), "completed");
        }
        assertThat(full.jobs().runsKept()).isEqualTo(racks * runsPerRack);
        long bytes = mapper.writeValueAsBytes(codec.write(full.state())).length
                - mapper.writeValueAsBytes(codec.write(empty.state())).length;
        double perRun = (double) bytes / (racks * runsPerRack);
        System.out.printf("[snapshot] %.1f bytes per job run%n", perRun);
        assertThat(perRun).isBetween(60.0, 110.0);
    }

    @Test
    void theForecastIsInTheSnapshotAndASnapshotFromBeforeItWasKeptStillRestores() throws Exception {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 400), T0);
        inv.receiveForecast(new SupplyForecast(
                "fab",
                T0,
                List.of(new SupplyForecast.Week(
                        1,
                        T0,
                        T0.plus(Duration.ofDays(7)),
                        Map.of("TFA-1-bin1", new SupplyForecast.Dies(10, 20, 30))))));

        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        InventorySnapshotCodec codec = new InventorySnapshotCodec(mapper);
        ObjectNode written = (ObjectNode) mapper.readTree(mapper.writeValueAsString(codec.write(inv.state())));

        ChipInventory restored = inventory();
        restored.restore(codec.read(written));
        assertThat(restored.state()).isEqualTo(inv.state());
        assertThat(restored.availability(T0)).isEqualTo(inv.availability(T0));

        written.remove("forecast"); // as written before the forecast was kept
        ChipInventory fromOld = inventory();
        fromOld.restore(codec.read(written));
        assertThat(fromOld.forecast()).isEmpty();
        assertThat(fromOld.availability(T0)).isEmpty();
        assertThat(fromOld.countsBySku()).isEqualTo(inv.countsBySku());
    }
}
