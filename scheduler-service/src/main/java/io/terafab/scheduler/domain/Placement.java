package io.terafab.scheduler.domain;

import java.util.List;

/**
 * Where a gang runs.
 *
 * @param accelerators the gang, one id per accelerator
 * @param racks how many racks it spans
 * @param pods how many pods it spans
 */
public record Placement(List<String> accelerators, int racks, int pods) {

    public Placement {
        accelerators = List.copyOf(accelerators);
    }
}
