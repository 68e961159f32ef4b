package io.terafab.chip.domain;

import static io.terafab.chip.domain.ChipState.FAILED;
import static io.terafab.chip.domain.ChipState.INSTALLED;
import static io.terafab.chip.domain.ChipState.IN_STOCK;
import static io.terafab.chip.domain.ChipState.RESERVED;

import io.terafab.chip.domain.carbon.EmbodiedLedger;
import io.terafab.platform.model.ModelRejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Chips per SKU from the fab's good dies to accelerators installed in racks, failed, returned or
 * scrapped.
 *
 * <p>Every change either applies completely or throws {@link ModelRejection} having changed
 * nothing: checks come first, changes after. Per SKU and per batch, at every moment,
 * {@code produced = inStock + reserved + installed + failed + returned + scrapped}. Lineage runs
 * both ways: a lot's batches, a batch's chips in every state, a rack's slices back to their lots.
 *
 * <p>Lineage is kept lot by lot for the newest {@code lineageLots} lots. Older lots' batches are
 * folded into one untracked aggregate per SKU (their counts stay, their lot detail goes), so
 * memory and snapshots stay bounded however long the fab runs. Stock is issued oldest tracked
 * batch first; untracked stock has aged out of the window and is issued only when no tracked
 * stock is left (a fab that outproduces the cluster would otherwise have every rack draw on
 * chips whose lots are no longer known).
 *
 * <p>Time: event handlers pass the event's simulated time, the ticker passes the twin's now. An
 * event stamped before the last tick is applied at the last tick, so a late event cannot start a
 * reservation that is already overdue.
 */
public final class ChipInventory {

    /** Rounding guard: 0.98 × 50 must be 49 chips, not 48.99999. */
    private static final double EPSILON = 1e-9;

    private final SkuCatalog catalog;
    private final InventorySettings settings;

    private final Map<String, ChipCounts> countsBySku = new TreeMap<>();
    private final Map<String, SkuReport> lastReports = new TreeMap<>();
    private final SupplyRates rates;
    private final ChipLineage lineage;
    private final InstallCrew crew;
    private final CapacityRequests requests = new CapacityRequests();
    private final OpenReservations reservations;
    private final InstalledAccelerators accelerators;
    private Instant lastTick;
    private SupplyForecast forecast;

    private final EmbodiedLedger embodied;
    private final JobsOnRacks jobs;

    public ChipInventory(SkuCatalog catalog, InventorySettings settings) {
        this.catalog = catalog;
        this.settings = settings;
        this.rates = new SupplyRates(catalog.skus(), settings.rateWindow());
        this.lineage = new ChipLineage(catalog.skus(), settings.lineageLots());
        this.crew = new InstallCrew(settings.rackSize(), settings.installsPerSecond());
        this.accelerators = new InstalledAccelerators(crew);
        this.reservations = new OpenReservations(settings.installLeadTime(), settings.reservationTtl());
        this.embodied = new EmbodiedLedger(settings.lineageLots());
        this.jobs = new JobsOnRacks(settings.jobRunsPerRack(), settings.jobRacks());
        reset();
    }

    private void reset() {
        countsBySku.clear();
        lastReports.clear();
        for (String sku : catalog.skus()) {
            countsBySku.put(sku, ChipCounts.NONE);
        }
        rates.restore(Map.of(), Map.of());
        requests.restore(List.of(), 0);
        reservations.restore(List.of());
        accelerators.restore(List.of());
        lastTick = null;
        forecast = null;
        lineage.restore(List.of(), List.of(), Map.of(), 0);
        crew.restore(List.of(), settings.rackSize(), 1); // a crew starts ready to fill one rack
    }

    // ---- changes -------------------------------------------------------------------------------

    /**
     * A finished lot's good dies go through packaging and final test and become chips of the SKU
     * of their bin, one batch per bin; waiting backorders are then served from the new stock.
     * Returns the chips made per SKU.
     */
    public Map<String, Long> recordWaferOut(
            String lotId, String product, Map<String, Integer> goodDiesByBin, Instant at) {
        requireText(lotId, "lot id");
        requireTime(at);
        if (lineage.isLotRecorded(lotId)) {
            throw ModelRejection.notAllowed("lot " + lotId + " was already recorded");
        }
        catalog.requireProduct(product);
        if (goodDiesByBin == null) {
            throw ModelRejection.invalid("good dies per bin are required");
        }
        Map<String, Integer> diesBySku = new TreeMap<>();
        goodDiesByBin.forEach((bin, dies) -> {
            if (dies == null || dies < 0) {
                throw ModelRejection.invalid("good dies of bin " + bin + " must be >= 0, was " + dies);
            }
            diesBySku.put(catalog.skuOf(product, bin), dies);
        });

        Instant now = effective(at);
        Map<String, Long> chips = new LinkedHashMap<>();
        List<String> lotBatches = new ArrayList<>();
        diesBySku.forEach((sku, dies) -> {
            long packaged = survivors(dies, settings.packagingYield());
            long tested = survivors(packaged, settings.finalTestYield());
            lotBatches.add(lineage.addBatch(lotId, sku, dies, packaged, tested, now));
            countsBySku.put(sku, countsBySku.get(sku).plusProduced(tested));
            rates.produced(sku, now, tested);
            chips.put(sku, tested);
        });
        lineage.lotRecorded(lotId, lotBatches);
        fillBackorders(now);
        return chips;
    }

    /**
     * A request for accelerators: reserved at once from stock as far as it goes (an exact SKU, or
     * for "any" the SKUs with most stock first), the rest backordered. Returns the request.
     *
     * @param skuOrAny a SKU, or {@code null} for any SKU
     */
    public CapacityRequest requestCapacity(
            String requestId, int accelerators, String skuOrAny, int priority, Instant at) {
        requireText(requestId, "request id");
        requireTime(at);
        if (accelerators <= 0) {
            throw ModelRejection.invalid("accelerators must be > 0, was " + accelerators);
        }
        if (requests.contains(requestId)) {
            throw ModelRejection.notAllowed("request " + requestId + " was already received");
        }
        if (skuOrAny != null && !countsBySku.containsKey(skuOrAny)) {
            throw ModelRejection.unknown("unknown SKU " + skuOrAny + " (known: " + countsBySku.keySet() + ")");
        }

        Instant now = effective(at);
        requests.receive(requestId, skuOrAny, priority, now, accelerators);
        long reserved = reserve(requestId, accelerators, now, true);
        if (reserved < accelerators) {
            requests.put(requests.get(requestId).backordering(accelerators - reserved));
        }
        return requests.get(requestId);
    }

    /**
     * The fab's latest supply forecast replaces the one held: availability is computed from it. The
     * last received is the latest: {@code fab.forecasts} is one partition with one producer, so it
     * is read in the order it was published (times are not compared: a forecast stamped ahead of
     * the live one, such as the contract's example, is replaced by the next one like any other).
     */
    public void receiveForecast(SupplyForecast next) {
        if (next == null || next.fab() == null || next.fab().isBlank() || next.from() == null) {
            throw ModelRejection.invalid("a forecast needs its fab and start");
        }
        if (next.weeks().isEmpty()) {
            throw ModelRejection.invalid("a forecast needs at least one week");
        }
        forecast = next;
    }

    /**
     * Moves simulated time to {@code at}: the crews install due reservations into racks as far as
     * their capacity allows (priority order, never skipping ahead), reservations past their TTL
     * go back to stock, backorders past theirs are given up, and freed stock serves backorders.
     * The outcome carries the SKU reports that changed since the last tick.
     */
    public TickOutcome advanceTo(Instant at) {
        requireTime(at);
        Instant now = effective(at);
        if (lastTick != null) {
            Instant busyFrom = reservations.firstInstallableAt().orElse(now);
            crew.accrue(lastTick, busyFrom, now);
        }
        lastTick = now;
        List<RackInstall> installs = installDue(now);
        List<String> expired = expireReservations(now);
        List<String> cancelled = cancelBackorders(now);
        if (!expired.isEmpty()) {
            fillBackorders(now);
        }
        crew.rest();
        rates.prune(now);
        return new TickOutcome(installs, expired, cancelled, changedReports());
    }

    /**
     * A health report of an installed accelerator. A failure takes it out of service (FAILED) and
     * returns the removal to announce; a healthy report changes nothing. A report observed before
     * the accelerator was installed is refused as out of order: the install was applied after it,
     * so the report cannot be about the accelerator as it is now.
     */
    public Optional<Removal> reportHealth(
            String acceleratorId, String rackId, boolean failed, String reason, Instant at) {
        requireText(acceleratorId, "accelerator id");
        requireText(rackId, "rack id");
        requireTime(at);
        AcceleratorView accelerator = accelerators.reportingHealth(acceleratorId, rackId, at);
        if (!failed) {
            return Optional.empty();
        }
        requireText(reason, "failure reason");

        Instant now = effective(at);
        moveOne(accelerator, INSTALLED, FAILED);
        accelerators.failed(acceleratorId, reason, now);
        return Optional.of(new Removal(acceleratorId, rackId, accelerator.sku(), reason, now));
    }

    /** A failed accelerator is sent back to the supplier. */
    public AcceleratorView returnFailed(String acceleratorId, Instant at) {
        return dispose(acceleratorId, ChipState.RETURNED, at);
    }

    /** A failed accelerator is scrapped. */
    public AcceleratorView scrapFailed(String acceleratorId, Instant at) {
        return dispose(acceleratorId, ChipState.SCRAPPED, at);
    }

    private AcceleratorView dispose(String acceleratorId, ChipState target, Instant at) {
        requireText(acceleratorId, "accelerator id");
        requireTime(at);
        AcceleratorView accelerator = accelerators.disposable(acceleratorId, target);
        moveOne(accelerator, accelerator.state(), target);
        accelerators.disposed(acceleratorId, target, effective(at));
        return accelerators.view(acceleratorId).orElseThrow();
    }

    /**
     * The SKUs whose inventory changed since they were last reported (every SKU the first time),
     * marked reported: they go out with the tick's outcome, published in the same step.
     */
    private List<SkuReport> changedReports() {
        List<SkuReport> changed = new ArrayList<>();
        countsBySku.forEach((sku, counts) -> {
            long backordered = requests.backorderedFor(sku);
            SkuReport last = lastReports.get(sku);
            if (last == null || !last.counts().equals(counts) || last.backordered() != backordered) {
                SkuReport report = new SkuReport(sku, counts, backordered, last == null ? 1 : last.number() + 1);
                lastReports.put(sku, report);
                changed.add(report);
            }
        });
        return changed;
    }

    // ---- reservation, install, expiry -----------------------------------------------------------

    /** Reserves up to {@code wanted} chips for a request from stock; returns how many. */
    private long reserve(String requestId, long wanted, Instant now, boolean onArrival) {
        CapacityRequest request = requests.get(requestId);
        long total = 0;
        for (String sku : candidateSkus(request)) {
            long take = Math.min(wanted - total, countsBySku.get(sku).inStock());
            if (take <= 0) {
                continue;
            }
            List<BatchShare> shares = lineage.takeFromStock(sku, take);
            countsBySku.put(sku, countsBySku.get(sku).moved(IN_STOCK, RESERVED, take));
            request = request.reserved(take, onArrival);
            requests.put(request);
            reservations.open(request, sku, shares, now);
            rates.reserved(sku, now, take);
            total += take;
            if (total == wanted) {
                break;
            }
        }
        return total;
    }

    private List<String> candidateSkus(CapacityRequest request) {
        if (request.sku() != null) {
            return List.of(request.sku());
        }
        List<String> skus = new ArrayList<>(catalog.skus()); // ties keep catalog order: best bin first
        skus.sort(Comparator.comparingLong((String sku) -> countsBySku.get(sku).inStock())
                .reversed());
        return skus;
    }

    private void fillBackorders(Instant now) {
        for (CapacityRequest request : requests.backorders()) {
            reserve(request.requestId(), request.backordered(), now, false);
        }
    }

    private List<RackInstall> installDue(Instant now) {
        List<RackInstall> installs = new ArrayList<>();
        for (Reservation reservation : reservations.due(now)) {
            Reservation left = reservation;
            while (left.chips() > 0) {
                int piece = crew.nextPiece(left.chips());
                if (!crew.take(piece)) {
                    return installs; // strict order: a later reservation never overtakes the one waiting
                }
                left = installPiece(left, piece, now, installs);
            }
        }
        return installs;
    }

    /** Installs {@code piece} chips of a reservation into the open rack (a new one if it is full). */
    private Reservation installPiece(Reservation reservation, int piece, Instant now, List<RackInstall> installs) {
        InstallCrew.Placed placed = crew.place(reservation, piece, now, lineage);
        String sku = reservation.sku();
        countsBySku.put(sku, countsBySku.get(sku).moved(RESERVED, INSTALLED, piece));
        CapacityRequest request = requests.get(reservation.requestId()).installedChips(piece);
        requests.put(request);
        installs.add(new RackInstall(
                request.requestId(), request.allocationsMade() - 1, sku, placed.rackId(), placed.acceleratorIds()));
        Reservation rest = reservation.withShares(placed.remaining());
        reservations.update(rest);
        return rest;
    }

    private List<String> expireReservations(Instant now) {
        List<Reservation> overdue = reservations.overdue(now);
        for (Reservation reservation : overdue) {
            for (BatchShare share : reservation.shares()) {
                lineage.move(share.batchId(), reservation.sku(), RESERVED, IN_STOCK, share.chips());
            }
            countsBySku.put(
                    reservation.sku(),
                    countsBySku.get(reservation.sku()).moved(RESERVED, IN_STOCK, reservation.chips()));
            requests.put(requests.get(reservation.requestId()).expiredChips(reservation.chips()));
            reservations.close(reservation.reservationId());
        }
        return overdue.stream().map(Reservation::reservationId).toList();
    }

    private List<String> cancelBackorders(Instant now) {
        List<CapacityRequest> stale = requests.staleBackorders(now, settings.backorderTtl());
        stale.forEach(r -> requests.put(r.cancelBackorder()));
        return stale.stream().map(CapacityRequest::requestId).toList();
    }

    private void moveOne(AcceleratorView accelerator, ChipState from, ChipState to) {
        lineage.move(accelerator.batchId(), accelerator.sku(), from, to, 1);
        countsBySku.put(accelerator.sku(), countsBySku.get(accelerator.sku()).moved(from, to, 1));
    }

    private Instant effective(Instant at) {
        return lastTick != null && at.isBefore(lastTick) ? lastTick : at;
    }

    private static long survivors(long units, double yield) {
        return (long) Math.floor(units * yield + EPSILON);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw ModelRejection.invalid(what + " is required");
        }
    }

    private static void requireTime(Instant at) {
        if (at == null) {
            throw ModelRejection.invalid("the time of the change is required");
        }
    }

    // ---- queries -------------------------------------------------------------------------------

    public Map<String, ChipCounts> countsBySku() {
        return Collections.unmodifiableMap(countsBySku);
    }

    public ChipCounts counts(String sku) {
        ChipCounts counts = countsBySku.get(sku);
        if (counts == null) {
            throw ModelRejection.unknown("unknown SKU " + sku);
        }
        return counts;
    }

    public boolean conserved() {
        return countsBySku.values().stream().allMatch(ChipCounts::conserved);
    }

    /** Embodied energy and carbon per lot and SKU (chip-service's carbon package books it). */
    public EmbodiedLedger embodied() {
        return embodied;
    }

    /** Where the chips came from: lots, their batches, and the aggregates of lots beyond the lineage window. */
    public ChipLineage lineage() {
        return lineage;
    }

    /** The jobs that ran on each rack, from the scheduler's job steps: where a lot's lineage ends. */
    public JobsOnRacks jobs() {
        return jobs;
    }

    /** The install crew and the racks it filled, slice by slice. */
    public InstallCrew crew() {
        return crew;
    }

    /** An installed accelerator, whatever became of it since; empty for an id never installed. */
    public Optional<AcceleratorView> accelerator(String acceleratorId) {
        return accelerators.view(acceleratorId);
    }

    /** Accelerators out of service: failed, returned or scrapped. */
    public List<RetiredAccelerator> retired() {
        return accelerators.retired();
    }

    /** Every request received and what became of it, backorders first in line. */
    public CapacityRequests requests() {
        return requests;
    }

    public int openReservations() {
        return reservations.size();
    }

    /** Open reservations in install order. */
    public List<Reservation> reservations() {
        return reservations.inInstallOrder();
    }

    /** Accelerators backordered per SKU asked for ({@link CapacityRequest#ANY_SKU} for any). */
    public Map<String, Long> backorderedBySku() {
        return requests.backorderedBySku(catalog.skus());
    }

    /** Chips of a SKU that passed final test per simulated second, over the trailing rate window. */
    public double productionPerSecond(String sku) {
        return lastTick == null ? 0 : rates.productionPerSecond(sku, lastTick);
    }

    /** Chips of a SKU reserved (taken from stock) per simulated second, over the trailing rate window. */
    public double usagePerSecond(String sku) {
        return lastTick == null ? 0 : rates.usagePerSecond(sku, lastTick);
    }

    /**
     * How long a SKU's stock lasts at its recent usage, in simulated seconds: 0 with no stock,
     * infinite with stock and no usage.
     */
    public double supplySeconds(String sku) {
        long inStock = counts(sku).inStock();
        if (inStock == 0) {
            return 0;
        }
        double usage = usagePerSecond(sku);
        return usage == 0 ? Double.POSITIVE_INFINITY : inStock / usage;
    }

    /** The latest forecast received, if any. */
    public Optional<SupplyForecast> forecast() {
        return Optional.ofNullable(forecast);
    }

    /**
     * Accelerators available per week ahead from the stock and backorders at {@code at} and the
     * latest forecast (see {@link AcceleratorAvailability} for the rule); empty before a forecast
     * arrived.
     */
    public Optional<AcceleratorAvailability> availability(Instant at) {
        if (forecast == null) {
            return Optional.empty();
        }
        Map<String, Long> inStock = new TreeMap<>();
        countsBySku.forEach((sku, counts) -> inStock.put(sku, counts.inStock()));
        return Optional.of(AcceleratorAvailability.of(
                forecast, inStock, backorderedBySku(), settings.packagingYield() * settings.finalTestYield(), at));
    }

    public Optional<Instant> lastTick() {
        return Optional.ofNullable(lastTick);
    }

    public InventorySettings settings() {
        return settings;
    }

    // ---- snapshots -----------------------------------------------------------------------------

    public InventoryState state() {
        return new InventoryState(
                InventoryState.FORMAT,
                new TreeMap<>(countsBySku),
                new TreeMap<>(lastReports),
                rates.producedState(),
                rates.reservedState(),
                lineage.lotsState(),
                lineage.batchesState(),
                lineage.untrackedState(),
                requests.state(),
                reservations.state(),
                crew.racks(),
                accelerators.retired(),
                lineage.nextBatchSequence(),
                requests.nextSequence(),
                crew.nextSerial(),
                crew.budget(),
                lastTick,
                embodied.state(),
                jobs.state(),
                forecast);
    }

    /** Replaces the whole inventory by a state taken earlier (by this or a previous run). */
    public void restore(InventoryState state) {
        if (state.format() != InventoryState.FORMAT) {
            throw new IllegalArgumentException("cannot restore an inventory snapshot of format " + state.format()
                    + " (this version reads format " + InventoryState.FORMAT + "); start from an empty campus");
        }
        reset();
        state.counts().forEach((sku, counts) -> {
            if (!countsBySku.containsKey(sku)) {
                throw new IllegalArgumentException(
                        "the snapshot holds SKU " + sku + ", which the catalog no longer has");
            }
            countsBySku.put(sku, counts);
        });
        lastReports.putAll(state.lastReports());
        rates.restore(state.producedByHour(), state.reservedByHour());
        lineage.restore(state.lots(), state.batches(), state.untracked(), state.nextBatchSequence());
        requests.restore(state.requests(), state.nextRequestSequence());
        reservations.restore(state.reservations());
        accelerators.restore(state.retired());
        crew.restore(state.racks(), state.installBudget(), state.nextSerial());
        lastTick = state.lastTick();
        embodied.restore(state.embodied());
        jobs.restore(state.jobsOnRacks());
        forecast = state.forecast();
    }
}
