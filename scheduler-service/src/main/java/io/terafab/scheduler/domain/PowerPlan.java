package io.terafab.scheduler.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the data center stays within its budget, in this order:
 * <ol>
 *   <li>jobs that even capped to the minimum share do not fit are shed, lowest priority first
 *       and, within a priority, the most recently started first (the least work interrupted);
 *       the caller preempts the preemptible ones and pauses the others;</li>
 *   <li>the running jobs are capped, lowest priority first: a class goes down to the minimum
 *       share before the next class above it is touched; within a class all get one share;</li>
 *   <li>what is left powers idle accelerators; the others are switched off (an idle accelerator
 *       costs no work to switch off, so they go before any job is slowed).</li>
 * </ol>
 * The plan keeps a relative margin of 1e-12 below the budget so rounding never lands above it.
 *
 * @param shed jobs to take off, in order
 * @param shareByPriority the power share of the remaining running jobs, by priority value
 * @param poweredIdle free accelerators that stay powered
 */
record PowerPlan(List<Job> shed, Map<Integer, Double> shareByPriority, int poweredIdle) {

    private static final double MARGIN = 1e-12;

    /** Lowest priority first, then the latest (re)start, then the latest accepted. */
    static final Comparator<Job> SHED_ORDER = Comparator.comparingInt(
                    (Job j) -> j.spec().priority())
            .thenComparing(Job::lastRunAt, Comparator.reverseOrder())
            .thenComparing(Job::sequence, Comparator.reverseOrder());

    static PowerPlan of(PowerModel model, Double budgetWatts, Collection<Job> running, int freeAccelerators) {
        if (budgetWatts == null) {
            Map<Integer, Double> full = new TreeMap<>();
            running.forEach(j -> full.put(j.spec().priority(), 1.0));
            return new PowerPlan(List.of(), full, freeAccelerators);
        }
        double budget = model.itWatts(budgetWatts) * (1 - MARGIN);
        List<Job> shedFirst = new ArrayList<>(running);
        shedFirst.sort(SHED_ORDER);
        double floorPerAccelerator = model.runningWatts(model.minShare());
        double floor = 0;
        for (Job job : shedFirst) {
            floor += job.spec().accelerators() * floorPerAccelerator;
        }
        List<Job> shed = new ArrayList<>();
        int next = 0;
        while (floor > budget && next < shedFirst.size()) {
            Job victim = shedFirst.get(next++);
            shed.add(victim);
            floor -= victim.spec().accelerators() * floorPerAccelerator;
        }
        List<Job> kept = shedFirst.subList(next, shedFirst.size());

        // accelerators per priority, lowest priority first
        TreeMap<Integer, Long> acceleratorsByPriority = new TreeMap<>();
        double fullDraw = 0;
        for (Job job : kept) {
            acceleratorsByPriority.merge(
                    job.spec().priority(), (long) job.spec().accelerators(), Long::sum);
            fullDraw += job.spec().accelerators() * model.fullWatts();
        }
        Map<Integer, Double> shares = new TreeMap<>();
        if (fullDraw <= budget) {
            acceleratorsByPriority.keySet().forEach(p -> shares.put(p, 1.0));
            double idleBudget = budget - fullDraw;
            int powered = model.idleWatts() == 0
                    ? freeAccelerators
                    : (int) Math.min(freeAccelerators, Math.floor(idleBudget / model.idleWatts()));
            return new PowerPlan(shed, shares, powered);
        }
        double excess = fullDraw - budget;
        for (Map.Entry<Integer, Long> e : acceleratorsByPriority.entrySet()) {
            double dynamic = e.getValue() * model.dynamicWatts();
            double reducible = dynamic * (1 - model.minShare());
            if (excess <= 0) {
                shares.put(e.getKey(), 1.0);
            } else if (reducible >= excess) {
                shares.put(e.getKey(), Math.max(model.minShare(), 1 - excess / dynamic));
                excess = 0;
            } else {
                shares.put(e.getKey(), model.minShare());
                excess -= reducible;
            }
        }
        return new PowerPlan(shed, shares, 0);
    }
}
