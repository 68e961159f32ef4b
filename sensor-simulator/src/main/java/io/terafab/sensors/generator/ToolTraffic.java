package io.terafab.sensors.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.contract.ToolTelemetryReported;
import io.terafab.contract.ToolTelemetryReported.Reading;
import io.terafab.sensors.generator.Catalog.Tool;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Tool telemetry: every tool reports readings within its process window; now and then one breaks
 * down (reported as DOWN, or as a reading outside its limits) or goes into maintenance (PM), and
 * is reported UP again after a repair or maintenance time drawn in simulated time. Tools the twin
 * already has down are left alone, and a tool held down by telemetry when the simulator starts (a
 * repair its previous run never finished) is brought back after a repair time of its own.
 */
final class ToolTraffic extends TopicTraffic {

    private final PoissonArrivals breakdowns = new PoissonArrivals();
    private final PoissonArrivals maintenances = new PoissonArrivals();
    private final PriorityQueue<Repair> repairs = new PriorityQueue<>();
    private final Set<String> held = new HashSet<>();
    private final Map<String, Integer> toolsPerGroup = new HashMap<>();
    private final Set<String> toolIds = new HashSet<>();
    private long repairSequence;

    /** A tool to report UP at {@code due}. */
    private record Repair(Instant due, long sequence, String toolId) implements Comparable<Repair> {
        @Override
        public int compareTo(Repair other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    ToolTraffic(GeneratorSettings settings, RandomGenerator random) {
        super(SensorTopic.TOOL_TELEMETRY, settings, random);
    }

    @Override
    void catalogChanged(Catalog newCatalog, boolean first, Instant now) {
        super.catalogChanged(newCatalog, first, now);
        toolsPerGroup.clear();
        toolIds.clear();
        for (Tool tool : newCatalog.tools()) {
            toolsPerGroup.merge(tool.group(), 1, Integer::sum);
            toolIds.add(tool.toolId());
        }
        if (first) {
            for (Tool tool : newCatalog.tools()) {
                if (tool.heldDown()) {
                    scheduleRepair(tool.toolId(), now.plus(repairTime(tool)));
                }
            }
        }
    }

    @Override
    boolean hasEntities() {
        return !catalog.tools().isEmpty();
    }

    @Override
    Event everyday(Instant now) {
        if (!hasEntities()) {
            return null;
        }
        Tool tool = pick(catalog.tools());
        SensorSpec sensor = pick(ToolSensors.of(tool.kind()));
        Reading reading =
                new Reading(sensor.quantity(), sensor.reading(random.nextGaussian()), sensor.min(), sensor.max());
        return event(new ToolTelemetryReported(tool.toolId(), null, reading, now));
    }

    @Override
    void collectDue(Instant now, Consumer<Event> out) {
        while (!repairs.isEmpty() && !repairs.peek().due().isAfter(now)) {
            String toolId = repairs.poll().toolId();
            held.remove(toolId);
            out.accept(event(ToolTelemetryReported.state(toolId, ToolTelemetryReported.UP, now)));
        }
        double tools = catalog.tools().size();
        while (breakdowns.due(now, tools / PoissonArrivals.hoursOf(settings.toolBreakdownMtbf()), random)) {
            Tool tool = toolInService();
            if (tool != null) {
                out.accept(breakdown(tool, now));
                scheduleRepair(tool.toolId(), now.plus(repairTime(tool)));
            }
        }
        while (maintenances.due(now, tools / PoissonArrivals.hoursOf(settings.toolPmInterval()), random)) {
            Tool tool = toolInService();
            if (tool != null) {
                out.accept(event(ToolTelemetryReported.state(tool.toolId(), ToolTelemetryReported.PM, now)));
                double hours = PoissonArrivals.hoursOf(settings.toolPmDuration()) * (0.85 + 0.3 * random.nextDouble());
                scheduleRepair(tool.toolId(), now.plus(PoissonArrivals.hours(hours)));
            }
        }
    }

    /** Half the breakdowns are reported as a state, half as the reading that went out of its limits. */
    private Event breakdown(Tool tool, Instant now) {
        if (random.nextBoolean()) {
            return event(ToolTelemetryReported.state(tool.toolId(), ToolTelemetryReported.DOWN, now));
        }
        SensorSpec sensor = pick(ToolSensors.of(tool.kind()));
        Reading excursion =
                new Reading(sensor.quantity(), sensor.excursion(random.nextDouble()), sensor.min(), sensor.max());
        return event(new ToolTelemetryReported(tool.toolId(), null, excursion, now));
    }

    /** A tool that is up in the twin and not down by this simulator's own report, or null after a few misses. */
    private Tool toolInService() {
        for (int attempt = 0; attempt < 20 && hasEntities(); attempt++) {
            Tool tool = pick(catalog.tools());
            if (!tool.down() && !held.contains(tool.toolId())) {
                return tool;
            }
        }
        return null;
    }

    private Duration repairTime(Tool tool) {
        return PoissonArrivals.exponential(ToolSensors.meanRepairHours(tool.area()), random);
    }

    private void scheduleRepair(String toolId, Instant due) {
        held.add(toolId);
        repairs.add(new Repair(due, repairSequence++, toolId));
    }

    @Override
    Event unknownEntity(Instant now) {
        if (!hasEntities()) {
            return null;
        }
        Tool known = pick(catalog.tools());
        String toolId;
        do {
            toolId = known.group() + "." + (toolsPerGroup.get(known.group()) + 1 + random.nextInt(50));
        } while (toolIds.contains(toolId));
        SensorSpec sensor = pick(ToolSensors.of(known.kind()));
        Reading reading = new Reading(sensor.quantity(), sensor.nominal(), sensor.min(), sensor.max());
        return event(new ToolTelemetryReported(toolId, null, reading, now));
    }

    @Override
    Event outOfRange(Instant now) {
        return spoiledEveryday(now, json -> {
            if (random.nextBoolean()) {
                ObjectNode reading = (ObjectNode) json.get("reading");
                double min = reading.get("min").asDouble();
                reading.put("min", reading.get("max").asDouble());
                reading.put("max", min); // limits the wrong way round
            } else {
                json.remove("reading");
                json.put("state", random.nextBoolean() ? "BROKEN" : "REPAIRED"); // not a state the contract has
            }
        });
    }

    @Override
    Event wrongTypes(Instant now) {
        return spoiledEveryday(now, json -> {
            if (random.nextBoolean()) {
                ((ObjectNode) json.get("reading")).put("value", "ninety-five");
            } else {
                json.put("at", true);
            }
        });
    }

    @Override
    String timeField() {
        return "at";
    }

    private Event event(ToolTelemetryReported telemetry) {
        return new Event(topic, telemetry.toolId(), topic.eventType(), telemetry.at(), Payloads.bytes(telemetry));
    }
}
