package io.terafab.platform.twin;

import io.quarkus.arc.ClientProxy;
import io.terafab.platform.messaging.EventHandler;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.state.TwinStateful;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one holder of a service's model: every read and change goes through the state lock that
 * {@link StateKeeper} owns, so a snapshot, an event, a tick and a REST read never see the model
 * half-changed. There is no way to change it from REST: an operator's write is an event on the
 * service's commands topic, applied by a handler like any input (see
 * {@link io.terafab.platform.messaging.OperatorCommands}). A service extends it once ({@code FabTwin}, {@code ChipTwin}, ...), builds its model
 * from its configuration and says how the model is snapshotted ({@link TwinStateful}).
 *
 * @param <M> the plain-Java model
 */
public abstract class Twin<M> implements TwinStateful {

    private final StateKeeper state;
    private final M model;
    /** {@code state} without its client proxy, once known. */
    private volatile StateKeeper stateBean;

    /** For the client proxy CDI generates for a normal-scoped subclass; the proxy delegates, it holds no model. */
    protected Twin() {
        this(null, null);
    }

    protected Twin(StateKeeper state, M model) {
        this.state = state;
        this.model = model;
    }

    /** Reads the model under the state lock (REST queries, metrics). */
    public <T> T read(Function<M, T> query) {
        return state.read(() -> query.apply(model));
    }

    /**
     * The model itself, for code that already runs under the state lock: event handlers (the gate
     * takes it) and ticks (the ticker takes it). Fails on any other thread, so a handler cannot
     * change the model unguarded by mistake.
     */
    public M locked() {
        StateKeeper bean = stateBean;
        if (bean == null) {
            // resolved on first use, not in the constructor, so that building the twin does not create the keeper
            stateBean = bean = ClientProxy.unwrap(state);
        }
        bean.assertLocked(); // on every event: through the client proxy, this resolved the bean each time
        return model;
    }

    /**
     * The handler of one event type on one channel: the gate checks the type
     * ({@code unsupported-type} otherwise) and reads the payload record, which validates itself
     * ({@code invalid-payload} otherwise); then {@code change} is handed the model, under the lock.
     */
    public <T> EventHandler on(String type, Class<T> payload, ModelHandler<M, T> change) {
        return EventHandler.expecting(
                type,
                payload,
                event -> change.apply(locked(), event.expectType(type).data(payload), event));
    }

    /**
     * As {@link #on(String, Class, ModelHandler)}, for a topic that also carries other consumers'
     * events: after the type check, an event {@code notOurs} claims is acknowledged unapplied and
     * unvalidated (whether it is valid is its own consumer's call).
     */
    public <T> EventHandler on(
            String type, Predicate<InboundEvent> notOurs, Class<T> payload, ModelHandler<M, T> change) {
        return event -> {
            event.expectType(type);
            if (!notOurs.test(event)) {
                change.apply(locked(), event.data(payload), event);
            }
        };
    }

    /** The model for the subclass's snapshot methods, which {@link StateKeeper} calls under the lock. */
    protected M model() {
        return model;
    }
}
