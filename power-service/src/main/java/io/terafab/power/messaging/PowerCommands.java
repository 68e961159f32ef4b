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
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    /** The site of this grid: the key and {@code site} of every command. */
    @ConfigProperty(name = "twin.site", defaultValue = "terafab-1")
    String site;

    /** Sets what this site's utility connection may import, from the next tick on. */
    public CommandOutcome setImportCap(double capMw, String requestedBy, String eventId) throws InterruptedException {
        ImportCapChangeRequested command = new ImportCapChangeRequested(site, capMw, requestedBy);
        return commands.send(
                OPERATOR_COMMANDS,
                new OutgoingEvent(EventTypes.IMPORT_CAP_CHANGE_REQUESTED, site, eventId, clock.now(), command));
    }
}
