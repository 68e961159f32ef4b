package io.terafab.sensors.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.platform.envelope.CloudEventHeaders;
import io.terafab.platform.envelope.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Makes the simulator's records, one per {@link #next()}: the state changes due in simulated time
 * first (a breakdown, a repair, a breaker trip, a failed accelerator, a job), else an everyday
 * record of a topic drawn by the mix's weights; each record is bad with probability
 * {@link #badShare()}, of a kind drawn from the settings'.
 *
 * <p>Deterministic: the same settings, catalog and sequence of simulated times give the same
 * records, byte for byte. Not thread-safe, except {@link #updateCatalog} and {@link #setBadShare},
 * which another thread may call while one thread draws records.
 */
public final class SensorTrafficGenerator {

    /** Headers an event must carry; {@code ce_subject} is optional on input. */
    static final List<String> MANDATORY = List.of(
            CloudEventHeaders.SPEC_VERSION,
            CloudEventHeaders.ID,
            CloudEventHeaders.TYPE,
            CloudEventHeaders.SOURCE,
            CloudEventHeaders.TIME);

    /** Everyday records kept per topic to replay, reuse the id of, or put out of order. */
    static final int HISTORY = 64;
    /** How far before its base an out-of-order event is stamped: a minute to an hour. */
    private static final int MAX_MINUTES_OUT_OF_ORDER = 60;
    /** How far past the limit an oversized payload goes: up to 64 KiB. */
    private static final int MAX_OVERSIZE_BYTES = 64 * 1024;

    private final GeneratorSettings settings;
    private final Supplier<Instant> simulatedClock;
    private final SplittableRandom random;
    private final Map<SensorTopic, TopicTraffic> traffic = new EnumMap<>(SensorTopic.class);
    private final Map<SensorTopic, Deque<Sent>> history = new EnumMap<>(SensorTopic.class);
    private final Deque<Event> due = new ArrayDeque<>();
    private final List<BadKind> badKinds;
    private final AtomicReference<Catalog> pendingCatalog = new AtomicReference<>();
    private volatile double badShare;
    private volatile Catalog catalog;
    private long sequence;

    /** A record sent, with the simulated time of its event. */
    private record Sent(SensorRecord record, Instant time) {}

    /**
     * @param settings how to play
     * @param catalog what may be named; tools and breakers it shows held down are brought back after a repair
     * @param simulatedClock the twin's simulated time (ce_time and the payloads' times)
     */
    public SensorTrafficGenerator(GeneratorSettings settings, Catalog catalog, Supplier<Instant> simulatedClock) {
        this.settings = settings;
        this.simulatedClock = simulatedClock;
        this.random = new SplittableRandom(settings.seed());
        this.badShare = settings.badShare();
        this.badKinds = Arrays.stream(BadKind.values())
                .filter(settings.badKinds()::contains)
                .toList();
        for (TopicTraffic t : List.of(
                new ToolTraffic(settings, random),
                new MeterTraffic(settings, random),
                new AcceleratorTraffic(settings, random),
                new JobTraffic(settings, random))) {
            traffic.put(t.topic(), t);
            history.put(t.topic(), new ArrayDeque<>(HISTORY));
        }
        this.catalog = catalog;
        Instant now = now();
        traffic.values().forEach(t -> t.catalogChanged(catalog, true, now));
    }

    /** The next record. */
    public SensorRecord next() {
        Catalog update = pendingCatalog.getAndSet(null);
        Instant now = now();
        if (update != null) {
            catalog = update;
            traffic.values().forEach(t -> t.catalogChanged(update, false, now));
        }
        for (TopicTraffic t : traffic.values()) {
            t.collectDue(now, due::add);
        }
        double share = badShare;
        if (share > 0 && random.nextDouble() < share) {
            SensorRecord bad = bad(now);
            if (bad != null) {
                return bad;
            }
        }
        Event stateChange = due.poll();
        if (stateChange != null) {
            return envelope(stateChange, newId(), null);
        }
        Event event = everyday(now);
        SensorRecord record = envelope(event, newId(), null);
        Deque<Sent> sent = history.get(event.topic());
        if (sent.size() == HISTORY) {
            sent.removeFirst();
        }
        sent.addLast(new Sent(record, event.time()));
        return record;
    }

    /** Takes a refreshed catalog from the next record on; safe to call from any thread. */
    public void updateCatalog(Catalog newCatalog) {
        pendingCatalog.set(newCatalog);
    }

    /** Changes the share of bad records from the next record on; safe to call from any thread. */
    public void setBadShare(double share) {
        GeneratorSettings.requireShare(share, "bad share");
        if (share > 0 && badKinds.isEmpty()) {
            throw new IllegalArgumentException("no bad kind is enabled, so the bad share must stay 0");
        }
        badShare = share;
    }

    public double badShare() {
        return badShare;
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** The catalog records are drawn from (a refresh counts once the next record was drawn). */
    public Catalog catalog() {
        return catalog;
    }

    private Instant now() {
        return simulatedClock.get().truncatedTo(ChronoUnit.MILLIS);
    }

    private Event everyday(Instant now) {
        List<TopicTraffic> tried = new ArrayList<>();
        for (TopicTraffic t; (t = drawTopic(c -> !tried.contains(c) && c.hasEntities())) != null; ) {
            Event event = t.everyday(now);
            if (event != null) {
                return event;
            }
            tried.add(t);
        }
        throw new IllegalStateException("nothing to report on: the catalog names no tool, power asset or installed "
                + "accelerator for the topics the mix weighs (" + settings.mix() + ")");
    }

    /** A topic with a positive weight among those that qualify, drawn by weight; null when none does. */
    private TopicTraffic drawTopic(Predicate<TopicTraffic> qualifies) {
        double total = 0;
        for (SensorTopic topic : SensorTopic.values()) {
            if (settings.weight(topic) > 0 && qualifies.test(traffic.get(topic))) {
                total += settings.weight(topic);
            }
        }
        if (total == 0) {
            return null;
        }
        double x = random.nextDouble() * total;
        TopicTraffic last = null;
        for (SensorTopic topic : SensorTopic.values()) {
            if (settings.weight(topic) > 0 && qualifies.test(traffic.get(topic))) {
                last = traffic.get(topic);
                x -= settings.weight(topic);
                if (x < 0) {
                    return last;
                }
            }
        }
        return last;
    }

    /** A bad record of a topic drawn by weight, of a kind that topic can have now; null when none can be made. */
    private SensorRecord bad(Instant now) {
        TopicTraffic t = drawTopic(TopicTraffic::hasEntities);
        if (t == null) {
            return null;
        }
        List<Sent> bases = history.get(t.topic()).stream()
                .filter(s -> t.stillReportable(s.record().key()))
                .toList();
        List<BadKind> possible = badKinds.stream()
                .filter(k -> switch (k) {
                    case DUPLICATE_REPLAY, DUPLICATE_ID_CONFLICT -> !bases.isEmpty();
                    case OUT_OF_ORDER -> !bases.isEmpty() && t.timeField() != null;
                    default -> true;
                })
                .toList();
        if (possible.isEmpty()) {
            return null;
        }
        BadKind kind = possible.get(random.nextInt(possible.size()));
        Sent base = bases.isEmpty() ? null : bases.get(random.nextInt(bases.size()));
        return switch (kind) {
            case MALFORMED_JSON ->
                spoiled(t.everyday(now), kind, event -> {
                    byte[] json = event.value();
                    return envelope(
                            event.withValue(Arrays.copyOf(json, 1 + random.nextInt(json.length - 1))), newId(), kind);
                });
            case WRONG_TYPES -> spoiled(t.wrongTypes(now), kind, event -> envelope(event, newId(), kind));
            case UNKNOWN_ID -> spoiled(t.unknownEntity(now), kind, event -> envelope(event, newId(), kind));
            case OUT_OF_RANGE -> spoiled(t.outOfRange(now), kind, event -> envelope(event, newId(), kind));
            case MISSING_HEADERS -> spoiled(t.everyday(now), kind, event -> withoutSomeMandatoryHeaders(event, kind));
            case OVERSIZED ->
                spoiled(
                        t.everyday(now),
                        kind,
                        event -> envelope(event.withValue(padded(event.value())), newId(), kind));
            case DUPLICATE_REPLAY ->
                new SensorRecord(
                        base.record().topic(),
                        base.record().key(),
                        base.record().headers(),
                        base.record().value(),
                        kind);
            case DUPLICATE_ID_CONFLICT -> spoiled(t.everyday(now), kind, event -> idReused(event, base.record(), kind));
            case OUT_OF_ORDER -> outOfOrder(t, base, kind);
        };
    }

    private static SensorRecord spoiled(Event event, BadKind kind, Function<Event, SensorRecord> spoil) {
        return event == null ? null : spoil.apply(event);
    }

    private SensorRecord withoutSomeMandatoryHeaders(Event event, BadKind kind) {
        Map<String, String> headers = headers(event, newId());
        int missing = 1 + random.nextInt((1 << MANDATORY.size()) - 1); // a non-empty subset
        for (int i = 0; i < MANDATORY.size(); i++) {
            if ((missing & (1 << i)) != 0) {
                headers.remove(MANDATORY.get(i));
            }
        }
        return new SensorRecord(event.topic().topic(), event.key(), headers, event.value(), kind);
    }

    private SensorRecord idReused(Event event, SensorRecord base, BadKind kind) {
        byte[] value = event.value();
        if (Arrays.equals(value, base.value())) {
            value = Arrays.copyOf(value, value.length + 1); // content must differ: one more byte (a space)
            value[value.length - 1] = ' ';
        }
        return envelope(event.withValue(value), base.id(), kind);
    }

    private SensorRecord outOfOrder(TopicTraffic t, Sent base, BadKind kind) {
        Instant earlier = base.time().minus(Duration.ofMinutes(1 + random.nextInt(MAX_MINUTES_OUT_OF_ORDER)));
        ObjectNode json = Payloads.tree(base.record().value());
        json.put(t.timeField(), earlier.toString());
        Event event = new Event(
                t.topic(),
                base.record().key(),
                base.record().headers().get(CloudEventHeaders.TYPE),
                earlier,
                Payloads.bytes(json));
        return envelope(event, newId(), kind);
    }

    /** The JSON followed by spaces past the payload limit: still valid JSON, only too big. */
    private byte[] padded(byte[] json) {
        int size = BadKind.PAYLOAD_LIMIT_BYTES + 1 + random.nextInt(MAX_OVERSIZE_BYTES);
        byte[] padded = Arrays.copyOf(json, Math.max(size, json.length + 1));
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    private SensorRecord envelope(Event event, String id, BadKind kind) {
        return new SensorRecord(event.topic().topic(), event.key(), headers(event, id), event.value(), kind);
    }

    private Map<String, String> headers(Event event, String id) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, EventEnvelope.SPEC_VERSION);
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.TYPE, event.type());
        headers.put(CloudEventHeaders.SOURCE, settings.source());
        headers.put(CloudEventHeaders.TIME, event.time().toString());
        headers.put(CloudEventHeaders.SUBJECT, event.key());
        return headers;
    }

    private String newId() {
        return settings.runId() + "-" + (++sequence);
    }
}
