package io.terafab.chip.domain.carbon;

import io.terafab.chip.domain.AcceleratorView;
import io.terafab.chip.domain.ChipInventory;
import java.util.ArrayList;
import java.util.List;

/** Where the accelerators of an install came from, batch by batch in their order, and what each embodies. */
public final class InstallOrigins {

    private InstallOrigins() {}

    /**
     * Consecutive accelerators of one batch.
     *
     * @param batchId the chip batch
     * @param lotId its lot
     * @param accelerators how many
     * @param embodied what one of them embodies
     */
    public record Origin(String batchId, String lotId, int accelerators, EmbodiedLedger.Embodied embodied) {}

    /** The origins of {@code acceleratorIds} (installed accelerators of {@code sku}), runs of one batch each. */
    public static List<Origin> of(
            ChipInventory inventory, String sku, List<String> acceleratorIds, PackagingFootprint packaging) {
        List<Origin> origins = new ArrayList<>();
        String batch = null;
        String lot = null;
        int run = 0;
        for (String id : acceleratorIds) {
            AcceleratorView view = inventory.accelerator(id).orElse(null);
            String b = view == null ? "(unknown)/" + sku : view.batchId();
            String l = view == null ? "(unknown)" : view.lotId();
            if (run > 0 && b.equals(batch)) {
                run++;
                continue;
            }
            if (run > 0) {
                origins.add(new Origin(batch, lot, run, inventory.embodied().accelerator(lot, sku, packaging)));
            }
            batch = b;
            lot = l;
            run = 1;
        }
        if (run > 0) {
            origins.add(new Origin(batch, lot, run, inventory.embodied().accelerator(lot, sku, packaging)));
        }
        return origins;
    }
}
