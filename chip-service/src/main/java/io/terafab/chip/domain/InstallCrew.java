package io.terafab.chip.domain;

import static io.terafab.chip.domain.ChipState.INSTALLED;
import static io.terafab.chip.domain.ChipState.RESERVED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The crews that install reserved chips into racks of a {@link ChipInventory}: their capacity,
 * in accelerators, accrued as simulated time passes, and the racks they filled, slice by slice,
 * each accelerator numbered by a serial that leads back to its batch and lot.
 */
public final class InstallCrew {

    /** Rounding guard: a budget of 71.9999999 installs a piece of 72. */
    private static final double EPSILON = 1e-9;

    private final int rackSize;
    private final double installsPerSecond;
    private final Map<String, Rack> racks = new LinkedHashMap<>();
    private final TreeMap<Long, RackSlice> sliceBySerial = new TreeMap<>(); // an index, rebuilt on restore
    private double budget;
    private long nextSerial = 1;

    InstallCrew(int rackSize, double installsPerSecond) {
        this.rackSize = rackSize;
        this.installsPerSecond = installsPerSecond;
        budget = rackSize; // a crew starts ready to fill one rack
    }

    /**
     * The crews' capacity from {@code lastTick} to {@code now}. While nothing is due they can get
     * at most one rack ready; from {@code busyFrom}, when the first reservation is due, they work
     * at their full rate. Splitting the step there makes installs the same whether time advances
     * in minutes or in hours.
     */
    void accrue(Instant lastTick, Instant busyFrom, Instant now) {
        if (busyFrom.isBefore(lastTick)) {
            busyFrom = lastTick;
        } else if (busyFrom.isAfter(now)) {
            busyFrom = now;
        }
        double idleSeconds = Duration.between(lastTick, busyFrom).toNanos() / 1e9;
        double busySeconds = Duration.between(busyFrom, now).toNanos() / 1e9;
        budget = Math.min(budget + idleSeconds * installsPerSecond, rackSize) + busySeconds * installsPerSecond;
    }

    /** An idle crew cannot bank more than one rack of work. */
    void rest() {
        budget = Math.min(budget, rackSize);
    }

    /** The next piece of {@code chips} to install: what fits the open rack, or a new rack's worth. */
    int nextPiece(long chips) {
        int free = openRack().map(Rack::freeSlots).orElse(0);
        return (int) Math.min(chips, free > 0 ? free : rackSize);
    }

    /** Takes the capacity for a piece; false, taking none, when the crews have not got it yet. */
    boolean take(int piece) {
        if (budget + EPSILON < piece) {
            return false;
        }
        budget -= piece;
        return true;
    }

    /** What installing a piece of a reservation came to. */
    record Placed(String rackId, List<String> acceleratorIds, List<BatchShare> remaining) {}

    /**
     * Installs {@code piece} chips of a reservation into the open rack (a new one if it is full),
     * its oldest shares first, moving them from RESERVED to INSTALLED in their batches.
     */
    Placed place(Reservation reservation, int piece, Instant now, ChipLineage lineage) {
        Rack rack = openRack().filter(r -> r.freeSlots() > 0).orElseGet(this::newRack);
        String sku = reservation.sku();
        List<String> ids = new ArrayList<>(piece);
        List<BatchShare> remaining = new ArrayList<>();
        long left = piece;
        for (BatchShare share : reservation.shares()) {
            long take = Math.min(left, share.chips());
            if (take > 0) {
                lineage.move(share.batchId(), sku, RESERVED, INSTALLED, take);
                RackSlice slice = new RackSlice(
                        rack.rackId(),
                        reservation.requestId(),
                        sku,
                        share.batchId(),
                        share.lotId(),
                        nextSerial,
                        (int) take,
                        now);
                for (long serial = nextSerial; serial < nextSerial + take; serial++) {
                    ids.add(acceleratorId(sku, serial));
                }
                nextSerial += take;
                rack = rack.with(slice);
                sliceBySerial.put(slice.firstSerial(), slice);
                left -= take;
            }
            if (share.chips() > take) {
                remaining.add(new BatchShare(share.batchId(), share.lotId(), share.chips() - take));
            }
        }
        racks.put(rack.rackId(), rack);
        return new Placed(rack.rackId(), ids, remaining);
    }

    private Optional<Rack> openRack() {
        return racks.isEmpty() ? Optional.empty() : Optional.of(racks.get(rackId(racks.size())));
    }

    private Rack newRack() {
        Rack rack = new Rack(rackId(racks.size() + 1), rackSize, List.of());
        racks.put(rack.rackId(), rack);
        return rack;
    }

    private static String rackId(int n) {
        return String.format("rack-%05d", n);
    }

    static String acceleratorId(String sku, long serial) {
        return String.format("%s-%08d", sku, serial);
    }

    // ---- queries

    boolean hasRack(String rackId) {
        return racks.containsKey(rackId);
    }

    public Optional<Rack> rack(String rackId) {
        return Optional.ofNullable(racks.get(rackId));
    }

    public List<Rack> racks() {
        return List.copyOf(racks.values());
    }

    public int racksInUse() {
        return racks.size();
    }

    /** Which lots a rack's accelerators came from, and how many from each. */
    public Map<String, Long> lotsOfRack(String rackId) {
        Map<String, Long> lotsOfRack = new TreeMap<>();
        rack(rackId).ifPresent(r -> r.slices().forEach(s -> lotsOfRack.merge(s.lotId(), (long) s.count(), Long::sum)));
        return lotsOfRack;
    }

    /** The racks a lot's chips were installed in, and how many in each. */
    public Map<String, Long> racksOfLot(String lotId) {
        Map<String, Long> racksOfLot = new TreeMap<>();
        for (Rack rack : racks.values()) {
            for (RackSlice slice : rack.slices()) {
                if (slice.lotId().equals(lotId)) {
                    racksOfLot.merge(rack.rackId(), (long) slice.count(), Long::sum);
                }
            }
        }
        return racksOfLot;
    }

    /** The slice holding the accelerator with this id, if it was installed. */
    Optional<RackSlice> sliceOf(String acceleratorId) {
        int dash = acceleratorId.lastIndexOf('-');
        long serial;
        try {
            serial = Long.parseLong(acceleratorId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Map.Entry<Long, RackSlice> entry = sliceBySerial.floorEntry(serial);
        if (entry == null
                || !entry.getValue().holds(serial)
                || !acceleratorId.equals(acceleratorId(entry.getValue().sku(), serial))) {
            return Optional.empty();
        }
        return Optional.of(entry.getValue());
    }

    // ---- snapshots

    double budget() {
        return budget;
    }

    long nextSerial() {
        return nextSerial;
    }

    void restore(List<Rack> savedRacks, double savedBudget, long savedNextSerial) {
        racks.clear();
        sliceBySerial.clear();
        for (Rack rack : savedRacks) {
            racks.put(rack.rackId(), rack);
            rack.slices().forEach(s -> sliceBySerial.put(s.firstSerial(), s));
        }
        budget = savedBudget;
        nextSerial = savedNextSerial;
    }
}
