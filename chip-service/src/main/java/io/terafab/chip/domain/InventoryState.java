package io.terafab.chip.domain;

import io.terafab.chip.domain.carbon.EmbodiedLedger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the inventory needs to resume, as plain data for snapshots. Indexes (stock per SKU
 * oldest first, accelerators by serial) are not in it: they are rebuilt from these on restore.
 *
 * @param format the layout of this record; a snapshot of another layout is refused, not guessed at
 * @param lots every lot ever recorded (a replayed lot is refused even after its batches were folded)
 * @param batches the tracked batches, in production order
 * @param untracked per SKU, the chips of batches folded out of the lineage window
 * @param embodied energy and carbon per lot and SKU; {@code null} in snapshots from before it was kept
 * @param jobsOnRacks per rack, the newest job runs on it ({@link JobsOnRacks}); empty in snapshots of model
 *     version 1, which the migration of {@code ChipTwin} gives one
 * @param forecast the fab's latest supply forecast; {@code null} before one arrived and in snapshots
 *     from before it was kept (availability then waits for the next forecast)
 */
public record InventoryState(
        int format,
        Map<String, ChipCounts> counts,
        Map<String, SkuReport> lastReports,
        Map<String, Map<Long, Long>> producedByHour,
        Map<String, Map<Long, Long>> reservedByHour,
        List<String> lots,
        List<ChipBatch> batches,
        Map<String, ChipCounts> untracked,
        List<CapacityRequest> requests,
        List<Reservation> reservations,
        List<Rack> racks,
        List<RetiredAccelerator> retired,
        long nextBatchSequence,
        long nextRequestSequence,
        long nextSerial,
        double installBudget,
        Instant lastTick,
        EmbodiedLedger.State embodied,
        Map<String, List<JobsOnRacks.JobRun>> jobsOnRacks,

        SupplyForecast forecast) {

    /** The layout written by this version: 2 since chips have states, batches and reservations. */
    public static final int FORMAT = 2;
}
