package io.terafab.platform.state;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * When the state's snapshots are written: every snapshot interval on a daemon thread, and as soon
 * as that thread is free when a change asks for one ({@link StateKeeper#snapshotSoon}), the asks
 * made before it starts sharing one write.
 *
 * <p>What a snapshot holds, the state lock it is captured under and the order writes land in stay
 * with {@link StateKeeper#snapshot}; this class only chooses the thread and the moment. Its asks
 * are coordinated under a monitor of its own that is never held while a snapshot is written, so it
 * adds no lock to the ones a snapshot takes.
 */
final class Snapshotter {

    // the keeper's category: snapshot warnings stay where operators' log settings already find them
    private static final Logger LOG = Logger.getLogger(StateKeeper.class);

    private final Runnable snapshot;
    private ScheduledExecutorService executor; // null until started: in a unit test the asking thread writes
    private final Object asks = new Object();
    private CompletableFuture<Void> nextAsked; // guarded by asks

    /** @param snapshot writes a snapshot if the state changed since the last one; throws when it cannot */
    Snapshotter(Runnable snapshot) {
        this.snapshot = snapshot;
    }

    /** Starts the thread that writes a snapshot every {@code every}, and any asked for in between. */
    void start(Duration every) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "twin-snapshotter");
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        executor.scheduleWithFixedDelay(this::writeQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the thread, interrupting a write in progress without waiting for it; asks made from now on fail. */
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** See {@link StateKeeper#snapshotSoon}, which answers at once when snapshots are off. */
    CompletableFuture<Void> soon() {
        CompletableFuture<Void> written;
        boolean first;
        synchronized (asks) {
            first = nextAsked == null;
            if (first) {
                nextAsked = new CompletableFuture<>();
            }
            written = nextAsked;
        }
        if (first) {
            if (executor == null) {
                writeAsked(); // not started (a unit test): the caller's thread writes it
            } else {
                try {
                    executor.execute(this::writeAsked);
                } catch (RejectedExecutionException stopping) {
                    // shutting down: the last snapshot (StateKeeper.onStop) holds what is still owed
                    synchronized (asks) {
                        nextAsked = null;
                    }
                    written.completeExceptionally(stopping);
                }
            }
        }
        return written;
    }

    private void writeAsked() {
        CompletableFuture<Void> written;
        synchronized (asks) {
            written = nextAsked; // an ask from now on may miss this capture: it waits for the next
            nextAsked = null;
        }
        try {
            snapshot.run();
            written.complete(null);
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
    }

    /** Writes a snapshot on the caller's thread, logging a failure: the next one retries. */
    void writeQuietly() {
        try {
            snapshot.run();
        } catch (RuntimeException e) {
            LOG.warnf("Snapshot failed, will retry: %s", e.getMessage());
        }
    }
}
