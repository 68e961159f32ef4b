package io.terafab.power.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The snapshot as the platform stores it: the model exported to JSON, written, read and imported again. */
class PowerTwinSnapshotTest {

    // as Quarkus configures its ObjectMapper: ISO-8601 instants; unknown properties still fail here, to catch drift
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2027})
    void exportedThenImportedStateIsTheSame(long seed) throws Exception {
        PowerTwin original = new PowerTwin(defaults());
        Random random = new Random(seed);
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        for (int step = 0; step < 40; step++) {
            now = now.plusMillis(12_345);
            switch (random.nextInt(4)) {
                case 0 -> original.gridInHandler().recordDraw("fab", random.nextDouble() * 300, random.nextDouble() * 300, now);
                case 1 -> original.gridInHandler().recordDraw("dc", random.nextDouble() * 600, random.nextDouble() * 300,
                        now.minusSeconds(random.nextInt(40)));
                case 2 -> original.gridInHandler().setImportCap(random.nextDouble() * 500);
                default -> original.gridInHandler().tick(now);
            }
        }

        byte[] stored = mapper.writeValueAsBytes(original.exportState(mapper));
        JsonNode read = mapper.readTree(stored);
        PowerTwin restored = new PowerTwin(defaults());
        restored.importState(read, mapper);

        assertThat(restored.gridInHandler().state()).as("seed " + seed).isEqualTo(original.gridInHandler().state());
    }

    /** The configuration defaults, as PowerConfig declares them. */
    private static PowerConfig defaults() {
        return new PowerConfig() {
            @Override
            public double gridImportCap() {
                return 400;
            }

            @Override
            public double onsiteGeneration() {
                return 150;
            }

            @Override
            public double campusBaseLoad() {
                return 20;
            }

            @Override
            public List<String> consumers() {
                return List.of("fab", "dc");
            }

            @Override
            public Duration budgetValidity() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration demandTimeout() {
                return Duration.ofMinutes(15);
            }
        };
    }
}
