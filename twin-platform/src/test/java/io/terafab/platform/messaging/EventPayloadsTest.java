package io.terafab.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.terafab.platform.envelope.RejectedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gate's single JSON pass against the usual path (tree, then binding): whatever the single pass
 * reads, the usual path reads the same; whatever it does not, the usual path decides as before.
 */
class EventPayloadsTest {

    /** A payload record as the contract's are: it validates itself in its constructor. */
    public record Sample(String toolId, double value, int count, Instant at, Unit unit) {
        public Sample {
            if (toolId == null || toolId.isBlank()) {
                throw new IllegalArgumentException("toolId is required");
            }
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, was " + count);
            }
        }
    }

    public record Unit(String name, Long scale) {}

    /** As Quarkus configures its mapper: java.time, unknown properties ignored. */
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void readsAValidPayloadInOnePass() {
        byte[] json = """
                {"toolId":"T-1","value":2.5,"count":3,"at":"2026-12-05T20:05:17.25+01:00","unit":{"name":"C","scale":2}}""".getBytes(StandardCharsets.UTF_8);
        assertThat(EventPayloads.readInOnePass(mapper, json, Sample.class))
                .isEqualTo(new Sample("T-1", 2.5, 3, Instant.parse("2026-12-05T19:05:17.25Z"), new Unit("C", 2L)));
    }

    @Test
    void leavesEveryOtherShapeOfTimeToTheUsualPath() {
        byte[] json = """
                {"toolId":"T-1","value":2.5,"count":3,"at":1733425517}""".getBytes(StandardCharsets.UTF_8);
        assertThat(EventPayloads.readInOnePass(mapper, json, Sample.class)).isNull();
        assertThat(usualPath(json)).isEqualTo(new Sample("T-1", 2.5, 3, Instant.ofEpochSecond(1733425517), null));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void whatTheSinglePassReadsTheUsualPathReadsTheSame(long seed) {
        Random random = new Random(seed);
        int onePass = 0;
        for (int n = 0; n < 5_000; n++) {
            String text = randomPayload(random);
            byte[] json = text.getBytes(StandardCharsets.UTF_8);
            Object usual = usualPath(json);
            Sample single = EventPayloads.readInOnePass(mapper, json, Sample.class);
            if (single != null) {
                onePass++;
                assertThat(usual).as("%s (seed %d)", text, seed).isEqualTo(single);
            }
        }
        assertThat(onePass).as("payloads read in one pass (seed %d)", seed).isGreaterThan(300);
    }

    /** The gate's path before the single pass: the payload, or how it was refused. */
    private Object usualPath(byte[] json) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return "malformed";
        } catch (java.io.IOException e) {
            return "malformed";
        }
        if (tree == null || !tree.isObject()) {
            return "malformed";
        }
        try {
            return EventPayloads.read(mapper, tree, Sample.class);
        } catch (RejectedEventException e) {
            return "invalid: " + e.getMessage();
        }
    }

    private static final List<String> TOOL_IDS = List.of("\"T-1\"", "\"\"", "null", "7", "true", "[\"T\"]", "{}");
    private static final List<String> VALUES =
            List.of("2.5", "-0.0", "1e3", "7", "\"3.5\"", "null", "\"x\"", "1e400", "true", "[1]");
    private static final List<String> COUNTS =
            List.of("3", "0", "-1", "2.0", "2.5", "\"4\"", "null", "99999999999", "true", "1e2");
    private static final List<String> TIMES = List.of(
            "\"2026-12-05T19:05:17Z\"",
            "\"2026-12-05T19:05:17.123456789Z\"",
            "\"2026-12-05T20:05:17+01:00\"",
            "\"2026-12-05T19:05:17+00:00\"",
            "\"2026-12-05T19:05Z\"",
            "\"2026-12-05T19:05:17\"",
            "\"2026-02-30T19:05:17Z\"",
            "\"2026-12-31T23:59:60Z\"",
            "\"2026-12-05t19:05:17z\"",
            "\"2026-12-05T19:05:17+0100\"",
            "\"not a time\"",
            "\"\"",
            "1733425517",
            "1733425517.5",
            "\"1733425517\"",
            "null",
            "[2026,12,5]");
    private static final List<String> UNITS =
            List.of("{\"name\":\"C\",\"scale\":2}", "{\"name\":\"C\"}", "null", "\"C\"", "{\"scale\":1.5}", "[]");

    private static String randomPayload(Random random) {
        StringBuilder s = new StringBuilder("{");
        field(random, s, "toolId", TOOL_IDS, 0.9);
        field(random, s, "value", VALUES, 0.8);
        field(random, s, "count", COUNTS, 0.8);
        field(random, s, "at", TIMES, 0.9);
        field(random, s, "unit", UNITS, 0.5);
        field(random, s, "extra", List.of("1", "\"x\"", "{\"a\":[1,2]}"), 0.2);
        if (random.nextInt(10) == 0) { // the same field twice: the last one counts
            field(random, s, "toolId", TOOL_IDS, 1);
        }
        if (s.charAt(s.length() - 1) == ',') {
            s.setLength(s.length() - 1);
        }
        s.append('}');
        String text = s.toString();
        return switch (random.nextInt(20)) {
            case 0 -> text.substring(0, random.nextInt(text.length())); // cut short
            case 1 -> text + " {}"; // something after the object
            case 2 -> "[" + text + "]";
            case 3 -> "  \n" + text + "\n ";
            case 4 -> text.replace(':', ' ');
            default -> text;
        };
    }

    private static void field(Random random, StringBuilder s, String name, List<String> values, double presence) {
        if (random.nextDouble() < presence) {
            s.append('"')
                    .append(name)
                    .append("\":")
                    .append(values.get(random.nextBoolean() ? 0 : random.nextInt(values.size()))) // mostly valid
                    .append(',');
        }
    }
}
