package io.terafab.chip.twin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Set;

/** Inventory settings; defaults documented in README's configuration table. */
@ConfigMapping(prefix = "chip")
public interface ChipConfig {

    /** Products the fab makes whose dies become chips. */
    @WithDefault("TFA-1")
    Set<String> products();

    /** Speed bins of every product, best first. */
    @WithDefault("bin1,bin2,bin3")
    List<String> bins();

    /** Share of good dies that pass packaging and final test. */
    @WithDefault("0.95")
    double assemblyYield();

    /** Accelerators per rack (an NVL72-class rack holds 72). */
    @WithDefault("72")
    int rackSize();
}
