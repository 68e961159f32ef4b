package io.terafab.power.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sets every source and battery for one dispatch so that generation = demand served + battery
 * charge - battery discharge.
 *
 * <ol>
 *   <li>Sources serve the demand in merit order (cheapest or cleanest first, ties by id). A turbine
 *       whose floor (minimum stable load, or ramp-down limit) is above what is still needed is
 *       passed over, since running it would generate more than is used.</li>
 *   <li>If demand is still unmet, a passed-over turbine is started (or kept) at its floor, and the
 *       excess that creates is taken back from the sources already set, dearest first, or put into
 *       batteries; a turbine whose excess nothing can absorb stays off.</li>
 *   <li>What is still unmet is discharged from the batteries, in their configured order.</li>
 *   <li>If no battery discharges, spare capacity charges them, in merit order: the grid and solar
 *       always, a turbine only while it is running (none is started to fill a battery). Batteries
 *       are the campus's reserve against a short grid, so they are kept full.</li>
 * </ol>
 * Demand that still cannot be met is the plan's deficit; {@code needMw} never exceeds the sum of
 * the offers' available power plus the batteries' discharge, so the deficit is zero unless
 * turbine floors leave no exact set point.
 */
final class MeritOrderDispatch {

    private MeritOrderDispatch() {}

    static DispatchPlan dispatch(
            List<SourceOffer> offers, List<BatteryOffer> batteries, double needMw, MeritOrder order) {
        int n = offers.size();
        Integer[] merit = new Integer[n];
        for (int i = 0; i < n; i++) {
            merit[i] = i;
        }
        Arrays.sort(
                merit,
                Comparator.<Integer>comparingDouble(i -> order.rank(
                                offers.get(i).costPerMwh(), offers.get(i).carbonTonnesPerMwh()))
                        .thenComparing(i -> offers.get(i).id()));

        double[] out = new double[n];
        double[] charge = new double[batteries.size()];
        double[] discharge = new double[batteries.size()];
        double remaining = needMw;
        List<Integer> passedOver = new ArrayList<>();

        for (int i : merit) {
            if (remaining <= Figures.EPSILON_MW) {
                break;
            }
            SourceOffer s = offers.get(i);
            if (s.availableMw() <= 0) {
                continue;
            }
            if (s.floorMw() > remaining) {
                passedOver.add(i);
                continue;
            }
            out[i] = Math.min(s.availableMw(), remaining);
            remaining -= out[i];
        }

        for (int i : passedOver) {
            if (remaining <= Figures.EPSILON_MW) {
                break;
            }
            SourceOffer s = offers.get(i);
            double set = Math.min(s.availableMw(), Math.max(s.floorMw(), remaining));
            double excess = set - remaining;
            if (excess > absorbable(offers, out, batteries, charge, i)) {
                continue;
            }
            out[i] = set;
            remaining = Math.max(0, remaining - set);
            if (excess > 0) {
                absorb(excess, offers, out, merit, batteries, charge, i);
            }
        }

        boolean discharging = false;
        for (int b = 0; b < batteries.size() && remaining > Figures.EPSILON_MW; b++) {
            double d = Math.min(batteries.get(b).maxDischargeMw(), remaining);
            if (d > Figures.EPSILON_MW) {
                discharge[b] = d;
                remaining -= d;
                discharging = true;
            }
        }

        if (!discharging) {
            chargeFromSpare(offers, out, merit, batteries, charge);
        }
        return new DispatchPlan(out, charge, discharge, Math.max(0, remaining));
    }

    /** How much generation could be taken back (down to each source's floor) or stored, leaving source {@code except} alone. */
    private static double absorbable(
            List<SourceOffer> offers, double[] out, List<BatteryOffer> batteries, double[] charge, int except) {
        double total = 0;
        for (int i = 0; i < out.length; i++) {
            if (i != except && out[i] > 0) {
                total += out[i] - offers.get(i).floorMw();
            }
        }
        for (int b = 0; b < batteries.size(); b++) {
            total += batteries.get(b).maxChargeMw() - charge[b];
        }
        return total;
    }

    private static void absorb(
            double excess,
            List<SourceOffer> offers,
            double[] out,
            Integer[] merit,
            List<BatteryOffer> batteries,
            double[] charge,
            int except) {
        double left = excess;
        for (int k = merit.length - 1; k >= 0 && left > 0; k--) {
            int i = merit[k];
            if (i == except || out[i] <= 0) {
                continue;
            }
            double back = Math.min(left, out[i] - offers.get(i).floorMw());
            out[i] -= back;
            left -= back;
        }
        for (int b = 0; b < batteries.size() && left > 0; b++) {
            double in = Math.min(left, batteries.get(b).maxChargeMw() - charge[b]);
            charge[b] += in;
            left -= in;
        }
    }

    private static void chargeFromSpare(
            List<SourceOffer> offers, double[] out, Integer[] merit, List<BatteryOffer> batteries, double[] charge) {
        int b = 0;
        for (int i : merit) {
            SourceOffer s = offers.get(i);
            if (!s.mayCharge() || (s.kind() == SourceKind.GAS && out[i] <= 0)) {
                continue;
            }
            double spare = s.availableMw() - out[i];
            while (spare > Figures.EPSILON_MW && b < batteries.size()) {
                double room = batteries.get(b).maxChargeMw() - charge[b];
                if (room <= Figures.EPSILON_MW) {
                    b++;
                    continue;
                }
                double in = Math.min(room, spare);
                charge[b] += in;
                out[i] += in;
                spare -= in;
            }
            if (b >= batteries.size()) {
                return;
            }
        }
    }
}
