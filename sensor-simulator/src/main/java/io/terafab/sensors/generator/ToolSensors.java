package io.terafab.sensors.generator;

import java.util.List;
import java.util.Map;

/**
 * The quantities each kind of fab tool reports and the process windows they are held in. Kinds are
 * those of fab-service's terafab-fab.yaml (a tool group is named {@code <kind>-<n>}); figures are
 * typical operating points of leading-edge tools, in the units the quantity names, with limits a
 * process engineer would alarm on:
 * <ul>
 *   <li>litho: scanners hold wafer stage and immersion water at 22 °C to millikelvins; an EUV source
 *       delivers ~250 W at intermediate focus (ASML NXE:3400-class, published);</li>
 *   <li>etch: plasma etch runs at tens of mTorr with RF power of about a kilowatt and an electrostatic
 *       chuck at a few tens of °C;</li>
 *   <li>deposition: PECVD films at ~400 °C and a few Torr;</li>
 *   <li>cmp: platens at ~90 rpm, slurry ~200 ml/min, ~3 psi down force;</li>
 *   <li>clean: SC-1 baths at ~70 °C, ultrapure water at 18.2 MΩ·cm (its theoretical maximum);</li>
 *   <li>furnace: oxidation tubes at ~1,000 °C held to a fraction of a kelvin;</li>
 *   <li>implant: beam currents of milliamperes at tens of keV;</li>
 *   <li>metrology: stage temperature, like the scanners'.</li>
 * </ul>
 * A kind not listed reports a generic chamber temperature.
 */
final class ToolSensors {

    private static final List<SensorSpec> GENERIC = List.of(new SensorSpec("chamber-temperature", 25, 0.2, 23, 27));

    private static final List<SensorSpec> SCANNER_STAGE = List.of(
            new SensorSpec("wafer-stage-temperature", 22.0, 0.004, 21.97, 22.03),
            new SensorSpec("immersion-water-temperature", 22.0, 0.004, 21.97, 22.03));

    private static final Map<String, List<SensorSpec>> BY_KIND = Map.of(
            "euv",
                    List.of(
                            new SensorSpec("source-power", 250, 4, 220, 280),
                            new SensorSpec("wafer-stage-temperature", 22.0, 0.004, 21.97, 22.03)),
            "duv", SCANNER_STAGE,
            "etch",
                    List.of(
                            new SensorSpec("chamber-pressure", 20, 0.4, 17, 23),
                            new SensorSpec("rf-forward-power", 1500, 12, 1420, 1580),
                            new SensorSpec("chuck-temperature", 60, 0.4, 57, 63)),
            "deposition",
                    List.of(
                            new SensorSpec("chamber-temperature", 400, 1, 393, 407),
                            new SensorSpec("chamber-pressure", 2.0, 0.02, 1.85, 2.15)),
            "cmp",
                    List.of(
                            new SensorSpec("platen-speed", 90, 0.4, 87, 93),
                            new SensorSpec("slurry-flow", 200, 2, 186, 214),
                            new SensorSpec("down-force", 3.0, 0.03, 2.8, 3.2)),
            "clean",
                    List.of(
                            new SensorSpec("bath-temperature", 70, 0.3, 68, 72),
                            new SensorSpec("water-resistivity", 18.2, 0.005, 18.17, 18.23)),
            "metrology", List.of(new SensorSpec("stage-temperature", 22.0, 0.01, 21.94, 22.06)),
            "furnace",
                    List.of(
                            new SensorSpec("tube-temperature", 1000, 0.3, 998, 1002),
                            new SensorSpec("oxygen-flow", 10, 0.05, 9.7, 10.3)),
            "implant",
                    List.of(
                            new SensorSpec("beam-current", 5.0, 0.04, 4.75, 5.25),
                            new SensorSpec("beam-energy", 30, 0.1, 29.4, 30.6)));

    /**
     * Mean time to repair by area, hours: terafab-fab.yaml's mttrHours, from SMT2020's downcal.txt
     * (litho 11.8, etch 3.9, deposition 7.6, cmp 3.4, wet 3.7, metrology 0.6, diffusion 2.5,
     * implant 10.1). An area not listed: 4 h, about their middle.
     */
    private static final Map<String, Double> MEAN_REPAIR_HOURS = Map.of(
            "litho",
            11.8,
            "etch",
            3.9,
            "deposition",
            7.6,
            "cmp",
            3.4,
            "wet",
            3.7,
            "metrology",
            0.6,
            "diffusion",
            2.5,
            "implant",
            10.1);

    private static final double DEFAULT_REPAIR_HOURS = 4;

    private ToolSensors() {}

    static List<SensorSpec> of(String kind) {
        return BY_KIND.getOrDefault(kind, GENERIC);
    }

    static double meanRepairHours(String area) {
        return MEAN_REPAIR_HOURS.getOrDefault(area, DEFAULT_REPAIR_HOURS);
    }
}
