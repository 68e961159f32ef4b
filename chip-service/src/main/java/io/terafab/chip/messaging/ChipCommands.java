package io.terafab.chip.messaging;

import io.terafab.contract.AcceleratorReturnRequested;
import io.terafab.contract.AcceleratorScrapRequested;
import io.terafab.contract.EventTypes;
import io.terafab.platform.clock.TwinClock;
import io.terafab.platform.messaging.CommandOutcome;
import io.terafab.platform.messaging.OperatorCommands;
import io.terafab.platform.messaging.OutgoingEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Operators' commands to chip-service, put on {@code chips.commands} and applied from there by
 * {@link ChipInputs} like any input; each call returns once the gate applied or refused the command
 * (or the wait ran out). Keyed by accelerator id, so one accelerator's commands stay in order.
 */
@ApplicationScoped
public class ChipCommands {

    static final String OPERATOR_COMMANDS = "operator-commands";

    @Inject
    OperatorCommands commands;

    @Inject
    TwinClock clock;

    @Inject
    @Channel(OPERATOR_COMMANDS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> emitter;

    @PostConstruct
    void register() {
        commands.register(OPERATOR_COMMANDS, emitter);
    }

    /** Returns a FAILED accelerator to the supplier. */
    public CommandOutcome returnFailed(String acceleratorId, String eventId, String requestedBy)
            throws InterruptedException {
        return commands.send(
                OPERATOR_COMMANDS,
                new OutgoingEvent(
                        EventTypes.ACCELERATOR_RETURN_REQUESTED,
                        acceleratorId,
                        eventId,
                        clock.now(),
                        new AcceleratorReturnRequested(acceleratorId, requestedBy)));
    }

    /** Scraps a FAILED accelerator. */
    public CommandOutcome scrapFailed(String acceleratorId, String eventId, String requestedBy)
            throws InterruptedException {
        return commands.send(
                OPERATOR_COMMANDS,
                new OutgoingEvent(
                        EventTypes.ACCELERATOR_SCRAP_REQUESTED,
                        acceleratorId,
                        eventId,
                        clock.now(),
                        new AcceleratorScrapRequested(acceleratorId, requestedBy)));
    }
}
