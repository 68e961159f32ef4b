package io.terafab.power.messaging;

import io.terafab.contract.EventTypes;
import io.terafab.contract.ImportCapChangeRequested;
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
 * Operators' commands to power-service, put on {@code power.commands} and applied from there by
 * {@link PowerInputs} like any input; each call returns once the gate applied or refused the
 * command (or the wait ran out).
 */
@ApplicationScoped
public class PowerCommands {

    static final String OPERATOR_COMMANDS = "operator-commands";
    /** The key of every command: one grid connection, its commands in one order. */
    static final String GRID = "grid";

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

    /** Sets what the utility connection may import, from the next tick on. */
    public CommandOutcome setImportCap(ImportCapChangeRequested command, String eventId) throws InterruptedException {
        return commands.send(
                OPERATOR_COMMANDS,
                new OutgoingEvent(EventTypes.IMPORT_CAP_CHANGE_REQUESTED, GRID, eventId, clock.now(), command));
    }
}
