package io.terafab.chip.domain;

import static io.terafab.chip.domain.ChipState.FAILED;
import static io.terafab.chip.domain.ChipState.INSTALLED;

import io.terafab.platform.model.ModelRejection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The accelerators of a {@link ChipInventory} one by one, from their install on: what each one is
 * now, whether a health report or a disposal may change it, and the record of those that left
 * service (FAILED, then RETURNED or SCRAPPED).
 *
 * <p>Only accelerators out of service have a record here: an installed one is known from its rack
 * slice in the {@link InstallCrew}, so installing a rack adds no record per accelerator. The
 * inventory checks here before it moves an accelerator's chip in its counts and batch, and records
 * here after, so that a refused change has changed nothing.
 */
final class InstalledAccelerators {

    private final InstallCrew crew;
    private final Map<String, RetiredAccelerator> retired = new TreeMap<>();

    InstalledAccelerators(InstallCrew crew) {
        this.crew = crew;
    }

    /**
     * The accelerator a health report from {@code rackId} observed at {@code at} is about: installed
     * in that rack no later than {@code at} and still in service (see {@link ChipInventory#reportHealth}).
     */
    AcceleratorView reportingHealth(String acceleratorId, String rackId, Instant at) {
        AcceleratorView accelerator = known(acceleratorId);
        if (!crew.hasRack(rackId)) {
            throw ModelRejection.unknown("unknown rack " + rackId);
        }
        if (!accelerator.rackId().equals(rackId)) {
            throw ModelRejection.unknown("no accelerator " + acceleratorId + " in rack " + rackId
                    + " (it was installed in " + accelerator.rackId() + ")");
        }
        if (at.isBefore(accelerator.installedAt())) {
            throw ModelRejection.outOfOrder("health of " + acceleratorId + " observed at " + at
                    + " is older than its install at " + accelerator.installedAt());
        }
        if (accelerator.state() != INSTALLED) {
            throw ModelRejection.notAllowed("accelerator " + acceleratorId + " is " + accelerator.state()
                    + ": only an installed accelerator reports health");
        }
        return accelerator;
    }

    /** The accelerator to become {@code target} (RETURNED or SCRAPPED): only a FAILED one can. */
    AcceleratorView disposable(String acceleratorId, ChipState target) {
        AcceleratorView accelerator = known(acceleratorId);
        if (!accelerator.state().canBecome(target)) {
            throw ModelRejection.notAllowed("accelerator " + acceleratorId + " is " + accelerator.state()
                    + ": it cannot become " + target + " (only a FAILED accelerator can)");
        }
        return accelerator;
    }

    private AcceleratorView known(String acceleratorId) {
        return view(acceleratorId).orElseThrow(() -> ModelRejection.unknown("unknown accelerator " + acceleratorId));
    }

    void failed(String acceleratorId, String reason, Instant at) {
        retired.put(acceleratorId, new RetiredAccelerator(acceleratorId, FAILED, at, reason, null));
    }

    void disposed(String acceleratorId, ChipState target, Instant at) {
        retired.put(acceleratorId, retired.get(acceleratorId).disposed(target, at));
    }

    // ---- queries -------------------------------------------------------------------------------

    /** The accelerator with this id, if it was installed: its rack slice joined with its record. */
    Optional<AcceleratorView> view(String acceleratorId) {
        if (acceleratorId == null) {
            return Optional.empty();
        }
        Optional<RackSlice> installed = crew.sliceOf(acceleratorId);
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        RackSlice slice = installed.get();
        RetiredAccelerator gone = retired.get(acceleratorId);
        return Optional.of(new AcceleratorView(
                acceleratorId,
                slice.sku(),
                gone == null ? INSTALLED : gone.state(),
                slice.rackId(),
                slice.requestId(),
                slice.batchId(),
                slice.lotId(),
                slice.installedAt(),
                gone == null ? null : gone.failedAt(),
                gone == null ? null : gone.reason(),
                gone == null ? null : gone.disposedAt()));
    }

    /** Accelerators out of service, in id order; also their snapshot. */
    List<RetiredAccelerator> retired() {
        return List.copyOf(retired.values());
    }

    // ---- snapshots -----------------------------------------------------------------------------

    void restore(List<RetiredAccelerator> saved) {
        retired.clear();
        saved.forEach(r -> retired.put(r.acceleratorId(), r));
    }
}
