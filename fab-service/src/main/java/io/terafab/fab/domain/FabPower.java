package io.terafab.fab.domain;

/**
 * The fab's power at one moment.
 *
 * <p>Demand is the idle load (cleanrooms, abatement, utilities run whether wafers move or not) plus
 * a productive load proportional to work in process, up to the steady-state level. Under a cap the
 * idle load is served first and production gets what is left, so the line's speed is the share of
 * its productive demand it can draw.
 *
 * @param demandMw what the fab would draw without a cap
 * @param drawMw what it draws: {@code min(demand, cap)}
 * @param budgetMw the cap, or {@code null} before the first budget (uncapped)
 * @param speedFactor how fast lots move relative to full speed, in [0, 1]
 */
public record FabPower(double demandMw, double drawMw, Double budgetMw, double speedFactor) {

    /**
     * @param fullPowerMw demand at steady-state work in process
     * @param idlePowerShare share of full power drawn with an empty line
     * @param wipWafers wafers in process
     * @param steadyStateWipWafers wafers in process at the start rate and full speed
     * @param capMw the budget, or {@code null} for none
     */
    public static FabPower of(double fullPowerMw, double idlePowerShare, double wipWafers, double steadyStateWipWafers,
            Double capMw) {
        double idle = fullPowerMw * idlePowerShare;
        double loading = Math.min(1, wipWafers / steadyStateWipWafers);
        double demand = idle + (fullPowerMw - idle) * loading;
        double draw = capMw == null ? demand : Math.min(demand, capMw);
        double productive = demand - idle;
        double speed = productive > 0
                ? Math.max(0, Math.min(1, (draw - idle) / productive))
                : (draw >= demand ? 1 : 0); // an empty line: nothing to slow, unless even the idle load is cut
        return new FabPower(demand, draw, capMw, speed);
    }
}
