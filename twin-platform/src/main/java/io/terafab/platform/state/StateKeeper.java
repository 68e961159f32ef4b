package io.terafab.platform.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Owner of a service's state lock and of what makes the state survive restarts.
 *
 * <p>Every change to the model goes through {@link #applyOnce} (inbound events) or
 * {@link #locked} (ticks, REST commands): one lock, so a snapshot always captures the model, the
 * input positions it reflects and the outputs it still owes at one consistent moment. On start the
 * latest snapshot is restored before any input is applied; consumers then seek to the restored
 * positions (see {@code SnapshotPositionsListener}), so nothing is lost or applied twice. The
 * {@link Snapshotter} decides when snapshots are written: periodically, and soon when asked.
 */
@ApplicationScoped
public class StateKeeper {

    private static final Logger LOG = Logger.getLogger(StateKeeper.class);
    private static final int FORMAT_VERSION = 1;

    @Inject
    StateConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    Instance<TwinStateful> model;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock snapshotWrites = new ReentrantLock(); // one snapshot write at a time
    private final InputPositions positions = new InputPositions();
    private final DeadLettersOwed deadLettersOwed = new DeadLettersOwed();
    private AppliedEventWindow applied;
    private volatile Outbox outbox;
    private volatile boolean restored;
    private long changes;
    private long changesAtLastSnapshot;
    private volatile Instant lastSnapshotAt;
    private volatile Instant snapshotCurrentAt = Instant.now(); // restored counts as current
    private volatile String lastSnapshotFailure;
    private final AtomicLong snapshotFailures = new AtomicLong();
    private volatile int snapshotFailuresInARow;
    private volatile String halted;
    private SnapshotTopic snapshotTopic;
    private final Snapshotter snapshotter = new Snapshotter(this::snapshot);

    void onStart(@Observes @Priority(10) StartupEvent event) {
        ensureRestored();
        if (config.enabled()) {
            snapshotter.start(config.snapshotInterval());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        snapshotter.stop();
        if (restored && config.enabled()) {
            snapshotter.writeQuietly();
        }
        if (snapshotTopic != null) {
            snapshotTopic.close();
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    public boolean isRestored() {
        return restored;
    }

    public String instanceId() {
        return config.instanceId().orElse(applicationName);
    }

    public String snapshotTopicName() {
        return config.topic().orElse(applicationName + ".state");
    }

    public Instant lastSnapshotAt() {
        return lastSnapshotAt;
    }

    /**
     * How long the state has gone without a good snapshot: since the last one written, or since the
     * last check that found nothing new to write. What a crash now would make the service replay.
     */
    public Duration snapshotAge() {
        return Duration.between(snapshotCurrentAt, Instant.now());
    }

    /** When and why the latest snapshot attempt failed, or null when it succeeded. */
    public String lastSnapshotFailure() {
        return lastSnapshotFailure;
    }

    public long snapshotFailures() {
        return snapshotFailures.get();
    }

    public int snapshotFailuresInARow() {
        return snapshotFailuresInARow;
    }

    /**
     * Why the state stopped moving (an {@code Error} in a handler left a change half-made), or null.
     * Once halted, no position passes the failed record and no snapshot is written, so a restart
     * replays from the last good one.
     */
    public String halted() {
        return halted;
    }

    /** Restores the latest snapshot once; every entry point calls it, whichever comes first. */
    public void ensureRestored() {
        if (restored) {
            return;
        }
        lock.lock();
        try {
            if (restored) {
                return;
            }
            applied = new AppliedEventWindow(config.dedupWindow());
            outbox = new Outbox(config.outboxCapacity());
            if (config.enabled()) {
                restoreFromSnapshotTopic();
            }
            snapshotCurrentAt = Instant.now();
            restored = true;
        } finally {
            lock.unlock();
        }
    }

    /** Starts from an empty state that snapshots to {@code topic} without reading it: for tests of the snapshot path. */
    void startEmpty(SnapshotTopic topic) {
        lock.lock();
        try {
            applied = new AppliedEventWindow(config.dedupWindow());
            outbox = new Outbox(config.outboxCapacity());
            snapshotTopic = topic;
            snapshotCurrentAt = Instant.now();
            restored = true;
        } finally {
            lock.unlock();
        }
    }

    private void restoreFromSnapshotTopic() {
        snapshotTopic = new SnapshotTopic(bootstrapServers, snapshotTopicName());
        Duration timeout = config.restoreTimeout();
        long started = System.nanoTime();
        try {
            var latest = snapshotTopic.readLatest(instanceId(), timeout);
            if (latest.isEmpty()) {
                LOG.infof(
                        "No snapshot of %s on %s: starting empty and replaying inputs from their beginning",
                        instanceId(), snapshotTopic.name());
                return;
            }
            JsonNode doc = mapper.readTree(latest.get());
            positions.replaceWith(mapper.convertValue(doc.get("positions"), new TypeReference<Map<String, Long>>() {}));
            List<Long> fingerprints = doc.has("appliedEventFingerprints")
                    ? mapper.convertValue(doc.get("appliedEventFingerprints"), new TypeReference<List<Long>>() {})
                    : List.of();
            List<String> topics = doc.has("appliedEventTopics")
                    ? mapper.convertValue(doc.get("appliedEventTopics"), new TypeReference<List<String>>() {})
                    : List.of();
            applied.replaceWith(
                    mapper.convertValue(doc.get("appliedEventIds"), new TypeReference<List<String>>() {}),
                    fingerprints,
                    topics);
            if (doc.has("deadLettersOwed")) {
                deadLettersOwed.replaceWith(mapper.convertValue(
                        doc.get("deadLettersOwed"), new TypeReference<List<DeadLettersOwed.Owed>>() {}));
            }
            for (JsonNode p : doc.withArray("pendingEvents")) {
                outbox.restore(mapper.treeToValue(p, PendingEvent.class));
            }
            if (model.isResolvable()) {
                model.get().importState(migrated(doc, model.get(), mapper), mapper);
            }
            lastSnapshotAt = Instant.parse(doc.get("takenAt").asText());
            LOG.infof(
                    "Restored %s from the snapshot of %s (%d bytes) in %d ms: positions %s, %d pending outputs, %d dead letters owed",
                    instanceId(),
                    lastSnapshotAt,
                    latest.get().length,
                    (System.nanoTime() - started) / 1_000_000,
                    positions.asMap(),
                    outbox.size(),
                    deadLettersOwed.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restoring state", e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot restore the state of " + instanceId() + " from topic "
                            + snapshotTopicName() + " at " + bootstrapServers + " within " + timeout
                            + " (is the Kafka broker up?): " + e.getMessage(),
                    e);
        }
    }

    /**
     * The snapshot's model in the form the code reads, by the one migration rule: a snapshot with no
     * version is version 1, each version is migrated one step at a time up to the model's, and a
     * snapshot newer than the code (written by a later release) is refused rather than misread.
     */
    static JsonNode migrated(JsonNode doc, TwinStateful model, ObjectMapper mapper) {
        int format = doc.path("formatVersion").asInt(1);
        if (format > FORMAT_VERSION) {
            throw new IllegalStateException("snapshot format " + format + " is newer than this build reads ("
                    + FORMAT_VERSION + "): start the release that wrote it, or a later one");
        }
        int version = doc.path("modelVersion").asInt(1);
        if (version > model.modelVersion()) {
            throw new IllegalStateException("snapshot model version " + version + " is newer than this build reads ("
                    + model.modelVersion() + "): start the release that wrote it, or a later one");
        }
        JsonNode state = doc.get("model");
        for (; version < model.modelVersion(); version++) {
            state = model.migrate(state, version, mapper);
        }
        return state;
    }

    /** Fails unless the calling thread holds the state lock: guards code that must only run inside a change. */
    public void assertLocked() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("the model is used outside the state lock: read or change it through its "
                    + "Twin (read, change), or from a handler or a tick, which hold the lock");
        }
    }

    /**
     * Applies one inbound record exactly once: skipped when its offset was already applied or its
     * event id was seen with the same content; otherwise {@code change} runs under the state lock.
     * A {@code RejectedEventException} thrown by {@code change} propagates, and so does a
     * {@code duplicate-id} rejection when the id was applied with other content; the record's
     * position advances either way, since a rejected record must not be retried forever. An
     * {@code Error} is different: the change may be half-made, so the position stays before the
     * record and the state halts ({@link #halted}) until a restart replays from the last snapshot.
     *
     * @param fingerprint a hash of the event's content ({@link AppliedEventWindow#UNKNOWN_FINGERPRINT} if none)
     */
    public ApplyOutcome applyOnce(
            String topic, int partition, long offset, String eventId, long fingerprint, Runnable change) {
        ensureRestored();
        lock.lock();
        try {
            if (positions.alreadyApplied(topic, partition, offset)) {
                return ApplyOutcome.ALREADY_APPLIED_OFFSET;
            }
            boolean finished = true;
            try {
                if (applied.conflicts(eventId, fingerprint)) {
                    throw new RejectedEventException(
                            RejectionReason.DUPLICATE_ID,
                            "event id " + eventId + " was already applied with different content");
                }
                if (applied.contains(eventId)) {
                    return ApplyOutcome.DUPLICATE_ID;
                }
                change.run();
                applied.add(topic, eventId, fingerprint);
                return ApplyOutcome.APPLIED;
            } catch (Error e) {
                finished = false;
                halted = "applying " + topic + "/" + partition + "@" + offset + " (event " + eventId + ") failed with "
                        + e;
                LOG.errorf(
                        e,
                        "State halted: %s. No snapshot is written until a restart replays from the last one",
                        halted);
                throw e;
            } finally {
                if (finished) {
                    positions.advancePast(topic, partition, offset);
                    changes++;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} holding the state lock throughout, so a batch of records costs one lock
     * acquisition and a snapshot sees all of it or none of it. {@link #applyOnce} and {@link #skip}
     * inside it re-enter the lock.
     */
    public void batch(Runnable work) {
        ensureRestored();
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that a record was rejected: its position passes it, and its dead letter is owed until
     * {@link #settleDeadLetter}; until then snapshots make consumers resume at it (see
     * {@link DeadLettersOwed}).
     */
    public void oweDeadLetter(String topic, int partition, long offset, String reason) {
        ensureRestored();
        lock.lock();
        try {
            positions.advancePast(topic, partition, offset);
            deadLettersOwed.owe(topic, partition, offset, reason);
            changes++;
        } finally {
            lock.unlock();
        }
    }

    /** The broker acknowledged the dead letter of a record. */
    public void settleDeadLetter(String topic, int partition, long offset) {
        deadLettersOwed.settle(topic, partition, offset);
    }

    /** The recorded reason of a rejected record whose dead letter is still owed. */
    public Optional<String> owedDeadLetter(String topic, int partition, long offset) {
        return deadLettersOwed.reason(topic, partition, offset);
    }

    public int deadLettersOwedCount() {
        return deadLettersOwed.size();
    }

    /** True when the record was applied or rejected already (a replay after a restart). */
    public boolean alreadyHandled(String topic, int partition, long offset) {
        return read(() -> positions.alreadyApplied(topic, partition, offset));
    }

    /** True when an event with this id was applied and is still in the window of remembered ids. */
    public boolean wasApplied(String eventId) {
        return read(() -> applied.contains(eventId));
    }

    /** Runs a change (a tick, a command) under the state lock. */
    public <T> T locked(Supplier<T> change) {
        ensureRestored();
        lock.lock();
        try {
            changes++;
            return change.get();
        } finally {
            lock.unlock();
        }
    }

    public void locked(Runnable change) {
        locked(() -> {
            change.run();
            return null;
        });
    }

    /** Reads the state under the lock without marking it changed. */
    public <T> T read(Supplier<T> query) {
        ensureRestored();
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Where the consumer of a partition resumes: the restored or applied position, if any, but not
     * past a record whose dead letter is still owed.
     */
    public OptionalLong nextOffset(String topic, int partition) {
        return read(() -> {
            OptionalLong next = positions.next(topic, partition);
            OptionalLong owed = deadLettersOwed.oldest(topic, partition);
            return owed.isPresent() && (next.isEmpty() || owed.getAsLong() < next.getAsLong()) ? owed : next;
        });
    }

    /** The outputs the service still owes (see {@link PendingEvent}), restored with the state. */
    public Outbox outbox() {
        ensureRestored();
        return outbox;
    }

    public int pendingCount() {
        return outbox().size();
    }

    /**
     * Writes a snapshot now if the state changed since the last one. Snapshots are written one at a
     * time, in the order they were captured, so an older capture never lands after a newer one: the
     * periodic snapshotter and a tick that must make its decisions durable ({@code
     * EventPublisher.publishDecision}) may both call this. A caller that holds the state lock keeps
     * inputs waiting until the write is acknowledged; the periodic snapshotter does not.
     */
    public void snapshot() {
        if (!config.enabled() || !restored) {
            return;
        }
        if (halted != null) {
            LOG.warnf("No snapshot while the state is halted: %s", halted);
            return;
        }
        Capture capture;
        long changesInSnapshot;
        // the state lock first, then the write turn: a caller holding the state lock waits here only for
        // a write in progress, which no longer needs the state lock
        lock.lock();
        boolean locked = true;
        snapshotWrites.lock();
        try {
            if (changes == changesAtLastSnapshot && lastSnapshotAt != null) {
                snapshotCurrentAt = Instant.now();
                return;
            }
            capture = new Capture(
                    Instant.now(),
                    positions.asMap(),
                    applied.contents(),
                    outbox.events(),
                    deadLettersOwed.all(),
                    model.isResolvable() ? model.get().captureState(mapper) : null,
                    model.isResolvable() ? model.get().modelVersion() : 1);
            changesInSnapshot = changes;
            lock.unlock();
            locked = false;
            // Outside the lock, so inputs wait only for the copies: converting a large model (the fab's)
            // to JSON takes tens of milliseconds, and showed as the ingest latency's p99.
            write(capture, changesInSnapshot);
        } finally {
            snapshotWrites.unlock();
            if (locked) {
                lock.unlock();
            }
        }
    }

    private void write(Capture capture, long changesInSnapshot) {
        ObjectNode doc = snapshotDocument(capture);
        try {
            snapshotTopic.write(instanceId(), mapper.writeValueAsBytes(doc), Duration.ofSeconds(30));
            changesAtLastSnapshot = changesInSnapshot;
            lastSnapshotAt = capture.takenAt();
            snapshotCurrentAt = capture.takenAt();
            lastSnapshotFailure = null;
            snapshotFailuresInARow = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String cause = e instanceof ExecutionException && e.getCause() != null
                    ? e.getCause().toString()
                    : e.toString();
            lastSnapshotFailure = Instant.now() + " " + cause;
            snapshotFailures.incrementAndGet();
            snapshotFailuresInARow++;
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("snapshot of " + instanceId() + " failed: " + cause, e);
        }
    }

    /** Detached copies of everything a snapshot holds, taken under the lock. */
    private record Capture(
            Instant takenAt,
            Map<String, Long> positions,
            AppliedEventWindow.Contents applied,
            List<PendingEvent> pending,
            List<DeadLettersOwed.Owed> deadLettersOwed,
            Object model,
            int modelVersion) {}

    private ObjectNode snapshotDocument(Capture capture) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("formatVersion", FORMAT_VERSION);
        doc.put("modelVersion", capture.modelVersion());
        doc.put("service", applicationName);
        doc.put("instance", instanceId());
        doc.put("takenAt", capture.takenAt().toString());
        doc.set("positions", mapper.valueToTree(capture.positions()));
        doc.set("appliedEventIds", mapper.valueToTree(capture.applied().ids()));
        doc.set("appliedEventFingerprints", mapper.valueToTree(capture.applied().fingerprints()));
        doc.set("appliedEventTopics", mapper.valueToTree(capture.applied().topics()));
        doc.set("pendingEvents", mapper.valueToTree(capture.pending()));
        doc.set("deadLettersOwed", mapper.valueToTree(capture.deadLettersOwed()));
        Object model = capture.model();
        doc.set(
                "model",
                model == null ? mapper.nullNode() : model instanceof JsonNode json ? json : mapper.valueToTree(model));
        return doc;
    }

    /**
     * Asks for a snapshot of the state as it is once the caller's change is done: written by the
     * snapshotter's thread as soon as it is free (several asks before it starts share one write).
     * Completes when a snapshot taken after the ask is written, or the state had not changed since
     * the last one; fails when it could not be written. With snapshots off it completes at once.
     */
    public CompletionStage<Void> snapshotSoon() {
        if (!config.enabled()) {
            return CompletableFuture.completedFuture(null);
        }
        return snapshotter.soon();
    }
}
