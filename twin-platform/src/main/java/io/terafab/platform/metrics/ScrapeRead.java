package io.terafab.platform.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One read of the state serving every meter of a scrape: a service's gauges over one ledger would
 * otherwise take the state lock once per gauge per scrape. A read younger than {@link #FRESH} is
 * handed out again; an older one is replaced by a new read.
 */
public final class ScrapeRead<T> {

    /** Shorter than any scrape interval, longer than one scrape takes. */
    public static final Duration FRESH = Duration.ofMillis(500);

    private record Read<T>(T value, long atNanos) {}

    private final Supplier<T> read;
    private final LongSupplier nanoTime;
    private volatile Read<T> last;

    public ScrapeRead(Supplier<T> read) {
        this(read, System::nanoTime);
    }

    ScrapeRead(Supplier<T> read, LongSupplier nanoTime) {
        this.read = Objects.requireNonNull(read);
        this.nanoTime = nanoTime;
    }

    public T get() {
        long now = nanoTime.getAsLong();
        Read<T> r = last;
        if (r == null || now - r.atNanos() > FRESH.toNanos()) {
            r = new Read<>(read.get(), now);
            last = r;
        }
        return r.value();
    }
}
