package io.terafab.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScrapeReadTest {

    @Test
    void oneReadServesTheMetersOfAScrapeAndTheNextScrapeReadsAgain() {
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong(0);
        ScrapeRead<Integer> totals = new ScrapeRead<>(reads::incrementAndGet, now::get);

        assertThat(totals.get()).isEqualTo(1);
        now.addAndGet(ScrapeRead.FRESH.toNanos());
        assertThat(totals.get()).as("still fresh").isEqualTo(1);
        now.addAndGet(1);
        assertThat(totals.get()).as("stale: read again").isEqualTo(2);
        assertThat(reads).hasValue(2);
    }
}
