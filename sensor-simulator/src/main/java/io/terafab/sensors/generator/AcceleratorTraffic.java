package io.terafab.sensors.generator;

import io.terafab.contract.AcceleratorHealthReported;
import io.terafab.sensors.generator.Catalog.RackSlice;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Accelerator health: installed accelerators reported healthy by the cluster's monitoring, and
 * failures at the fleet's annual failure rate, drawn in simulated time. A failed accelerator is not
 * reported again (its disposal, return or scrap, is an operator's call on chip-service's REST).
 */
final class AcceleratorTraffic extends TopicTraffic {

    private static final double HOURS_PER_YEAR = 8766;
    /** What monitoring reports when an accelerator fails: NVIDIA XID codes and the like. */
    private static final List<String> FAILURE_REASONS = List.of(
            "XID 79: fallen off the bus",
            "XID 48: double-bit ECC error",
            "XID 94: contained uncorrectable memory error",
            "HBM3 uncorrectable error",
            "XID 74: NVLink error",
            "thermal trip",
            "PCIe link down");

    private final PoissonArrivals failures = new PoissonArrivals();
    private final Set<String> failed = new HashSet<>();
    private long[] cumulative = new long[0];
    private long maxSerial;

    AcceleratorTraffic(GeneratorSettings settings, RandomGenerator random) {
        super(SensorTopic.ACCELERATOR_HEALTH, settings, random);
    }

    @Override
    void catalogChanged(Catalog newCatalog, boolean first, Instant now) {
        super.catalogChanged(newCatalog, first, now);
        List<RackSlice> slices = newCatalog.installed();
        cumulative = new long[slices.size()];
        long total = 0;
        maxSerial = 0;
        for (int i = 0; i < slices.size(); i++) {
            total += slices.get(i).count();
            cumulative[i] = total;
            maxSerial = Math.max(
                    maxSerial, slices.get(i).firstSerial() + slices.get(i).count() - 1);
        }
    }

    @Override
    boolean hasEntities() {
        return inService() > 0;
    }

    /**
     * Installed and neither retired in the twin nor failed by this simulator (the two may overlap:
     * a bound, not a count).
     */
    private long inService() {
        long total = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
        return total - Math.max(catalog.retired().size(), failed.size());
    }

    @Override
    Event everyday(Instant now) {
        Located accelerator = inServiceAccelerator();
        return accelerator == null
                ? null
                : event(new AcceleratorHealthReported(
                        accelerator.id(), accelerator.rackId(), AcceleratorHealthReported.HEALTHY, null, now));
    }

    @Override
    void collectDue(Instant now, Consumer<Event> out) {
        double perHour = inService() * settings.acceleratorAnnualFailureRate() / HOURS_PER_YEAR;
        while (failures.due(now, perHour, random)) {
            Located accelerator = inServiceAccelerator();
            if (accelerator != null) {
                failed.add(accelerator.id());
                out.accept(event(new AcceleratorHealthReported(
                        accelerator.id(),
                        accelerator.rackId(),
                        AcceleratorHealthReported.FAILED,
                        pick(FAILURE_REASONS),
                        now)));
            }
        }
    }

    private record Located(String id, String rackId) {}

    /** An installed accelerator still in service, drawn uniformly, or null after a few misses. */
    private Located inServiceAccelerator() {
        for (int attempt = 0; attempt < 20 && cumulative.length > 0; attempt++) {
            Located accelerator = anyInstalled();
            if (stillReportable(accelerator.id())) {
                return accelerator;
            }
        }
        return null;
    }

    private Located anyInstalled() {
        long n = random.nextLong(cumulative[cumulative.length - 1]);
        int slice = Arrays.binarySearch(cumulative, n + 1);
        slice = slice >= 0 ? slice : -slice - 1;
        RackSlice s = catalog.installed().get(slice);
        long before = slice == 0 ? 0 : cumulative[slice - 1];
        return new Located(s.acceleratorId(s.firstSerial() + (n - before)), s.rackId());
    }

    @Override
    boolean stillReportable(String acceleratorId) {
        return !failed.contains(acceleratorId) && !catalog.retired().contains(acceleratorId);
    }

    @Override
    Event unknownEntity(Instant now) {
        if (cumulative.length == 0) {
            return null;
        }
        RackSlice slice = pick(catalog.installed());
        String id = slice.acceleratorId(maxSerial + 1 + random.nextInt(1000)); // past every installed serial
        return event(new AcceleratorHealthReported(id, slice.rackId(), AcceleratorHealthReported.HEALTHY, null, now));
    }

    @Override
    Event outOfRange(Instant now) {
        return spoiledEveryday(now, json -> {
            if (random.nextBoolean()) {
                json.put("status", "degraded"); // neither healthy nor failed
            } else {
                json.put("status", AcceleratorHealthReported.FAILED); // a failure without its reason
                json.remove("reason");
            }
        });
    }

    @Override
    Event wrongTypes(Instant now) {
        return spoiledEveryday(now, json -> {
            if (random.nextBoolean()) {
                json.put("observedAt", false);
            } else {
                String rackId = json.get("rackId").asText();
                json.putObject("rackId").put("rack", rackId); // an object where the id's text belongs
            }
        });
    }

    @Override
    String timeField() {
        return "observedAt";
    }

    private Event event(AcceleratorHealthReported report) {
        return new Event(topic, report.acceleratorId(), topic.eventType(), report.observedAt(), Payloads.bytes(report));
    }
}
