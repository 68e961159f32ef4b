package io.terafab.power.twin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.terafab.power.domain.ConsumerBudget;
import io.terafab.power.domain.Dispatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the latest dispatch, read from the model at scrape time. The model works in MW;
 * meters are in watts, the base unit Prometheus expects.
 */
@Startup
@ApplicationScoped
public class PowerMetrics {

    static final double WATTS_PER_MW = 1_000_000;
    private static final String WATTS = "watts";

    @Inject
    MeterRegistry registry;

    @Inject
    PowerTwin twin;

    @PostConstruct
    void register() {
        grid("terafab.power.supply.available", "Import cap plus on-site generation", Dispatch::availableMw);
        grid("terafab.power.curtailed", "Demand not served, base load included", Dispatch::curtailedMw);
        grid("terafab.power.headroom", "Supply left unused after every budget is drawn in full", Dispatch::headroomMw);
        List<String> consumers = twin.read(g -> g.settings().consumersByPriority());
        for (String consumer : consumers) {
            consumer("terafab.power.demand", "Power a consumer asks for", consumer, ConsumerBudget::demandMw);
            consumer("terafab.power.served", "Power a consumer is served: min(demand, budget)", consumer,
                    ConsumerBudget::servedMw);
            consumer("terafab.power.budget", "Power a consumer may draw", consumer, ConsumerBudget::capMw);
            Gauge.builder("terafab.power.demand.stale",
                    () -> twin.currentDispatch().budgetOf(consumer).stale() ? 1 : 0)
                    .description("1 when a consumer's latest reading is older than the demand timeout")
                    .tag("consumer", consumer)
                    .register(registry);
            FunctionCounter.builder("terafab.power.readings.out.of.order", twin,
                    t -> t.read(g -> g.consumers().get(consumer).outOfOrderReadings()))
                    .description("Readings ignored because they were older than one already applied")
                    .tag("consumer", consumer)
                    .register(registry);
        }
    }

    private void grid(String name, String description, ToDoubleFunction<Dispatch> mw) {
        Gauge.builder(name, () -> mw.applyAsDouble(twin.currentDispatch()) * WATTS_PER_MW)
                .description(description)
                .baseUnit(WATTS)
                .register(registry);
    }

    private void consumer(String name, String description, String consumer, ToDoubleFunction<ConsumerBudget> mw) {
        Gauge.builder(name, () -> mw.applyAsDouble(twin.currentDispatch().budgetOf(consumer)) * WATTS_PER_MW)
                .description(description)
                .tag("consumer", consumer)
                .baseUnit(WATTS)
                .register(registry);
    }
}
