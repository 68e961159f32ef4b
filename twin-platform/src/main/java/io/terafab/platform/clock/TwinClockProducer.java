package io.terafab.platform.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

@ApplicationScoped
public class TwinClockProducer {

    @Produces
    @Singleton
    TwinClock twinClock(TwinClockConfig config) {
        Clock wall = Clock.systemUTC();
        Instant anchor = config.anchor().orElseGet(wall::instant);
        return new TwinClock(config.epoch(), anchor, config.speed(), wall);
    }
}
