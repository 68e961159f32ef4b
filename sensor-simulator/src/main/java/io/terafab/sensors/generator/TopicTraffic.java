package io.terafab.sensors.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The traffic of one topic: its everyday events, the rare state changes due in simulated time,
 * and its own kinds of bad event (the kinds that spoil any event, such as a cut payload, are the
 * generator's).
 */
abstract class TopicTraffic {

    protected final SensorTopic topic;
    protected final GeneratorSettings settings;
    protected final RandomGenerator random;
    protected Catalog catalog = Catalog.EMPTY;

    TopicTraffic(SensorTopic topic, GeneratorSettings settings, RandomGenerator random) {
        this.topic = topic;
        this.settings = settings;
        this.random = random;
    }

    SensorTopic topic() {
        return topic;
    }

    /** Takes a new catalog; {@code first} when it is the one the generator started with. */
    void catalogChanged(Catalog newCatalog, boolean first, Instant now) {
        this.catalog = newCatalog;
    }

    /** Whether the catalog names anything this topic reports on. */
    abstract boolean hasEntities();

    /** An everyday event at {@code now}, or null when none can be made now. */
    abstract Event everyday(Instant now);

    /** State changes due at {@code now}: failures and repairs, in simulated time. */
    abstract void collectDue(Instant now, Consumer<Event> out);

    /** A well-formed event naming an entity the catalog does not have. */
    abstract Event unknownEntity(Instant now);

    /** An event whose payload record refuses one of its values. */
    abstract Event outOfRange(Instant now);

    /** An event with a field of the wrong JSON type. */
    abstract Event wrongTypes(Instant now);

    /**
     * An everyday event at {@code now} with its JSON payload changed by {@code spoil}, or null when
     * none can be made now: the frame of the topics' own bad kinds.
     */
    Event spoiledEveryday(Instant now, Consumer<ObjectNode> spoil) {
        Event good = everyday(now);
        if (good == null) {
            return null;
        }
        ObjectNode json = Payloads.tree(good.value());
        spoil.accept(json);
        return good.withValue(Payloads.bytes(json));
    }

    /** The payload field holding the event's time, or null where an event has none to put out of order. */
    abstract String timeField();

    /**
     * Whether an event about {@code key} may be sent again (an accelerator that failed since may not
     * be reported healthy).
     */
    boolean stillReportable(String key) {
        return true;
    }

    protected <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
