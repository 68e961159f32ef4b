package io.terafab.fab.smt2020;

import io.terafab.fab.definition.DispatchRule;
import io.terafab.fab.definition.Downtime;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.InitialLot;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.LotRelease;
import io.terafab.fab.definition.ProcessingBasis;
import io.terafab.fab.definition.Product;
import io.terafab.fab.definition.RouteStep;
import io.terafab.fab.definition.ToolGroup;
import io.terafab.fab.simulation.Distribution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a fab in the SMT2020 testbed's tab-separated format (Kopp et al., IEEE TSM 33(4), 2020)
 * from a folder: {@code tool.txt.1l}, {@code part.txt} and the route files it names,
 * {@code order.txt}, {@code WIP.txt}, {@code downcal.txt}, {@code pmcal.txt}, {@code attach.txt},
 * {@code setup.txt}, {@code setupgrp.txt} and {@code fromto.txt}. Columns are found by their
 * header names, so column order does not matter; files other than the tools, parts and routes
 * may be absent.
 *
 * <p>What the model takes from each file, and what it leaves out, is listed in the bench README:
 * in short, minimum runs of setup groups, critical queue times and same-tool constraints
 * (SVESTN/FORSTEP) are read but not modelled. SMT2020 has no power figures, so imported tools
 * draw nothing.
 */
public final class Smt2020Importer {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yy HH:mm:ss", Locale.ROOT);

    private Smt2020Importer() {}

    /** The fab in {@code folder}; an unreadable or inconsistent folder throws with the file and line at fault. */
    public static FabDefinition read(Path folder) {
        List<Row> toolRows = Table.read(folder.resolve("tool.txt.1l"));
        List<ToolGroup> groups = new ArrayList<>();
        Map<String, Integer> groupIndex = new HashMap<>();
        Map<String, List<Integer>> groupsByArea = new HashMap<>();
        for (Row row : toolRows) {
            String name = row.text("STNFAM");
            String area = row.textOr("STNGRP", "fab");
            int tools = (int) Math.round(row.number("STNQTY"));
            DispatchRule rule = row.textOr("RULE", "").toLowerCase(Locale.ROOT).contains("fifo")
                            && !row.textOr("RULE", "").toLowerCase(Locale.ROOT).contains("hotlot")
                    ? DispatchRule.FIFO
                    : DispatchRule.HOT_LOT_FIRST;
            double load = row.has("LTIME") ? seconds(row.number("LTIME"), row.textOr("LTUNITS", "min"), row) : 0;
            double unload = row.has("ULTIME") ? seconds(row.number("ULTIME"), row.textOr("ULTUNITS", "min"), row) : 0;
            if (groupIndex.putIfAbsent(key(name), groups.size()) != null) {
                throw row.error("tool group " + name + " appears twice");
            }
            groupsByArea.computeIfAbsent(key(area), a -> new ArrayList<>()).add(groups.size());
            groups.add(new ToolGroup(name, area, tools, rule, load, unload, 0, 0));
        }

        List<Product> products = new ArrayList<>();
        Map<String, Integer> productIndex = new HashMap<>();
        List<Map<String, Integer>> stepIndexByNumber = new ArrayList<>();
        for (Row part : Table.read(folder.resolve("part.txt"))) {
            Map<String, Integer> stepIndex = new HashMap<>();
            List<RouteStep> route = readRoute(folder.resolve(part.text("ROUTEFILE")), groupIndex, stepIndex);
            productIndex.put(part.text("PART"), products.size());
            stepIndexByNumber.add(stepIndex);
            products.add(new Product(part.text("PART"), route));
        }

        List<Row> orders = Table.readIfPresent(folder.resolve("order.txt"));
        List<Row> wip = Table.readIfPresent(folder.resolve("WIP.txt"));
        LocalDateTime origin = null;
        for (Row row : concat(orders, wip)) {
            LocalDateTime start = date(row, "START");
            origin = origin == null || start.isBefore(origin) ? start : origin;
        }

        List<LotRelease> releases = new ArrayList<>();
        for (Row row : orders) {
            int product = lookup(productIndex, row.text("PART"), row, "part");
            double interval = seconds(row.number("REPEAT"), row.text("RUNITS"), row);
            Distribution between = distribution(row.textOr("RDIST", "constant"), interval, 0, row);
            int lotsPerRepeat = row.has("LOTSPERRPT") ? (int) row.number("LOTSPERRPT") : 1;
            for (int k = 0; k < lotsPerRepeat; k++) {
                releases.add(new LotRelease(
                        row.text("LOT") + (lotsPerRepeat > 1 ? "." + (k + 1) : ""),
                        product,
                        LotPriority.ofSmt2020((int) row.number("PRIOR")),
                        (int) row.number("PIECES"),
                        secondsBetween(origin, date(row, "START")),
                        between,
                        (long) row.number("RPT#")));
            }
        }

        List<InitialLot> initial = new ArrayList<>();
        for (Row row : wip) {
            int product = lookup(productIndex, row.text("PART"), row, "part");
            int step = lookup(stepIndexByNumber.get(product), row.text("CURSTEP"), row, "step");
            initial.add(new InitialLot(
                    row.text("LOT"),
                    product,
                    LotPriority.ofSmt2020((int) row.number("PRIOR")),
                    (int) row.number("PIECES"),
                    step,
                    secondsBetween(date(row, "START"), origin)));
        }

        List<Downtime> downtimes = readDowntimes(folder, groupIndex, groupsByArea);

        Map<String, Double> setups = new LinkedHashMap<>();
        for (Row row : Table.readIfPresent(folder.resolve("setup.txt"))) {
            String from = row.textOr("CURSETUP", "");
            setups.put(
                    (from.isEmpty() ? "*" : from) + "->" + row.text("NEWSETUP"),
                    seconds(row.number("STIME"), row.text("STUNITS"), row));
        }

        Distribution transport = Distribution.constant(0);
        for (Row row : Table.readIfPresent(folder.resolve("fromto.txt"))) {
            String units = row.text("DUNITS");
            transport = distribution(
                    row.text("DDIST"),
                    seconds(row.number("DTIME"), units, row),
                    row.has("DTIME2") ? seconds(row.number("DTIME2"), units, row) : 0,
                    row);
        }
        return new FabDefinition(
                "SMT2020 " + folder.getFileName(),
                groups,
                products,
                releases,
                initial,
                downtimes,
                setups,
                transport,
                0);
    }

    private static List<RouteStep> readRoute(
            Path file, Map<String, Integer> groupIndex, Map<String, Integer> stepIndex) {
        List<Row> rows = Table.read(file);
        for (int i = 0; i < rows.size(); i++) {
            stepIndex.put(rows.get(i).text("STEP"), i);
        }
        List<RouteStep> route = new ArrayList<>();
        for (Row row : rows) {
            String units = row.textOr("PTUNITS", "min");
            int group = lookup(groupIndex, key(row.text("STNFAM")), row, "tool group");
            Distribution processing = distribution(
                    row.text("PDIST"),
                    seconds(row.number("PTIME"), units, row),
                    row.has("PTIME2") ? seconds(row.number("PTIME2"), units, row) : 0,
                    row);
            ProcessingBasis basis = switch (row.text("PTPER")) {
                case "per_piece" -> ProcessingBasis.PER_WAFER;
                case "per_lot" -> ProcessingBasis.PER_LOT;
                case "per_batch" -> ProcessingBasis.PER_BATCH;
                default -> throw row.error("unknown PTPER " + row.text("PTPER"));
            };
            int batchMin = row.has("BATCHMN") ? (int) row.number("BATCHMN") : 0;
            int batchMax = row.has("BATCHMX") ? (int) row.number("BATCHMX") : 0;
            double cascade = 0;
            if (row.has("PartInterval")) {
                cascade = seconds(row.number("PartInterval"), row.textOr("PartIntUnits", "min"), row);
            } else if (row.has("BatchInterval")) {
                cascade = seconds(row.number("BatchInterval"), row.textOr("BatchIntUnits", "min"), row);
            }
            String setup = row.has("SETUP") ? row.text("SETUP") : null;
            double setupSeconds =
                    row.has("STIME") ? seconds(row.number("STIME"), row.textOr("STUNITS", "min"), row) : -1;
            double sampling = row.has("StepPercent") ? row.number("StepPercent") / 100 : 1;
            double rework = row.has("REWORK") ? row.number("REWORK") / 100 : 0;
            int reworkTo = row.has("RWKSTEP") ? lookup(stepIndex, row.text("RWKSTEP"), row, "rework step") : -1;
            route.add(new RouteStep(
                    row.textOr("DESC", row.text("STEP")),
                    group,
                    processing,
                    basis,
                    batchMin,
                    batchMax,
                    cascade,
                    setup,
                    setupSeconds,
                    sampling,
                    rework,
                    reworkTo));
        }
        return route;
    }

    private static List<Downtime> readDowntimes(
            Path folder, Map<String, Integer> groupIndex, Map<String, List<Integer>> groupsByArea) {
        Map<String, Row> breakdowns = new HashMap<>();
        for (Row row : Table.readIfPresent(folder.resolve("downcal.txt"))) {
            breakdowns.put(row.text("DOWNCALNAME"), row);
        }
        Map<String, Row> maintenance = new HashMap<>();
        for (Row row : Table.readIfPresent(folder.resolve("pmcal.txt"))) {
            maintenance.put(row.text("PMCALNAME"), row);
        }
        List<Downtime> downtimes = new ArrayList<>();
        for (Row attach : Table.readIfPresent(folder.resolve("attach.txt"))) {
            String resource = attach.text("RESNAME");
            List<Integer> groups = switch (attach.text("RESTYPE")) {
                case "stngrp" -> groupsByArea.get(key(resource));
                case "stnfam" -> groupIndex.containsKey(key(resource)) ? List.of(groupIndex.get(key(resource))) : null;
                default -> throw attach.error("unknown RESTYPE " + attach.text("RESTYPE"));
            };
            if (groups == null) {
                throw attach.error("no tools named " + resource);
            }
            String calendar = attach.text("CALNAME");
            if ("down".equals(attach.text("CALTYPE"))) {
                Row cal = breakdowns.get(calendar);
                if (cal == null) {
                    throw attach.error("no breakdown calendar " + calendar + " in downcal.txt");
                }
                Distribution ttf = distribution(
                        cal.text("MTTFDIST"), seconds(cal.number("MTTF"), cal.text("MTTFUNITS"), cal), 0, cal);
                Distribution ttr = distribution(
                        cal.text("MTTRDIST"), seconds(cal.number("MTTR"), cal.text("MTTRUNITS"), cal), 0, cal);
                downtimes.add(new Downtime(calendar, false, groups, firstOccurrence(attach), ttf, 0, 0, ttr));
            } else {
                Row cal = maintenance.get(calendar);
                if (cal == null) {
                    throw attach.error("no maintenance calendar " + calendar + " in pmcal.txt");
                }
                String units = cal.text("MTTRUNITS");
                Distribution duration = distribution(
                        cal.text("MTTRDIST"),
                        seconds(cal.number("MTTR"), units, cal),
                        cal.has("MTTR2") ? seconds(cal.number("MTTR2"), units, cal) : 0,
                        cal);
                if ("mtbpm_by_pieces".equals(cal.text("PMCALTYPE"))) {
                    // the first occurrence is then a wafer count too (FOA without units)
                    downtimes.add(new Downtime(
                            calendar,
                            true,
                            groups,
                            null,
                            null,
                            (long) attach.number("FOA"),
                            (long) cal.number("MTBPM"),
                            duration));
                } else {
                    Distribution between =
                            Distribution.constant(seconds(cal.number("MTBPM"), cal.text("MTBPMUNITS"), cal));
                    downtimes.add(
                            new Downtime(calendar, true, groups, firstOccurrence(attach), between, 0, 0, duration));
                }
            }
        }
        return downtimes;
    }

    private static Distribution firstOccurrence(Row attach) {
        return distribution(
                attach.text("FOADIST"), seconds(attach.number("FOA"), attach.text("FOAUNITS"), attach), 0, attach);
    }

    static Distribution distribution(String kind, double mean, double spread, Row row) {
        return switch (kind) {
            case "constant" -> Distribution.constant(mean);
            case "uniform" -> Distribution.uniform(mean, spread);
            case "exponential" -> Distribution.exponential(mean);
            default -> throw row.error("unknown distribution " + kind);
        };
    }

    static double seconds(double value, String units, Row row) {
        return value
                * switch (units) {
                    case "sec", "s" -> 1;
                    case "min" -> 60;
                    case "hr", "hour" -> 3_600;
                    case "day" -> 86_400;
                    default -> throw row.error("unknown time unit " + units);
                };
    }

    private static LocalDateTime date(Row row, String column) {
        try {
            return LocalDateTime.parse(row.text(column), DATE);
        } catch (RuntimeException e) {
            throw row.error(column + " is not a date MM/dd/yy HH:mm:ss: " + row.text(column));
        }
    }

    private static double secondsBetween(LocalDateTime from, LocalDateTime to) {
        return java.time.Duration.between(from, to).toSeconds();
    }

    private static int lookup(Map<String, Integer> index, String name, Row row, String what) {
        Integer i = index.get(name);
        if (i == null) {
            throw row.error("unknown " + what + " " + name);
        }
        return i;
    }

    /** SMT2020's files differ in case for the same tool group (DefMEt_FE_118 in a route, DefMet_FE_118 in the tools). */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static List<Row> concat(List<Row> a, List<Row> b) {
        List<Row> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** One line of a tab-separated file, read by column name. */
    record Row(Path file, int line, Map<String, String> values) {

        boolean has(String column) {
            String v = values.get(column);
            return v != null && !v.isBlank();
        }

        String text(String column) {
            if (!has(column)) {
                throw error("column " + column + " is empty");
            }
            return values.get(column).trim();
        }

        String textOr(String column, String otherwise) {
            return has(column) ? values.get(column).trim() : otherwise;
        }

        double number(String column) {
            try {
                return Double.parseDouble(text(column));
            } catch (NumberFormatException e) {
                throw error("column " + column + " is not a number: " + values.get(column));
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(file.getFileName() + " line " + line + ": " + message);
        }
    }

    /** A tab-separated file with one header line. */
    static final class Table {

        static List<Row> readIfPresent(Path file) {
            return Files.exists(file) ? read(file) : List.of();
        }

        static List<Row> read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(file.getFileName() + " has no header line");
            }
            String[] header = lines.get(0).split("\t", -1);
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                Map<String, String> values = new HashMap<>();
                for (int c = 0; c < header.length && c < cells.length; c++) {
                    values.put(header[c].trim(), cells[c]);
                }
                rows.add(new Row(file, i + 1, values));
            }
            return rows;
        }
    }
}
