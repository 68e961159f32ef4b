package io.terafab.contract;

import java.util.List;

/**
 * The defaults the services must agree on, defined once: the fab starts lots of {@link #PRODUCT}
 * and sorts its dies into {@link #BINS}, chip-service turns bin b of that product into SKU
 * {@code product-b} and installs racks of {@link #RACK_SIZE}, and the scheduler asks for capacity
 * in racks of that size. Each service's configuration default refers to these (the strings are
 * constants so that a {@code @WithDefault} can name them); an operator who changes one in one
 * service changes it in all of them.
 */
public final class CampusDefaults {

    /** The product every lot is started as: TFA-1, the Terafab AI accelerator die. */
    public static final String PRODUCT = "TFA-1";
    /** Speed bins after wafer sort, best first, as a configuration list. */
    public static final String BINS = "bin1,bin2,bin3";
    /** Accelerators per rack: an NVL72-class rack holds 72. */
    public static final String RACK_SIZE = "72";

    private CampusDefaults() {}

    /** {@link #BINS} as a list. */
    public static List<String> bins() {
        return List.of(BINS.split(","));
    }

    /** {@link #RACK_SIZE} as a number. */
    public static int rackSize() {
        return Integer.parseInt(RACK_SIZE);
    }
}
