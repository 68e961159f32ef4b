package io.terafab.platform.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Tags every meter of a service with {@code service} and {@code site}, so one dashboard serves many campuses. */
@Singleton
public class CommonTags {

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ConfigProperty(name = "twin.site", defaultValue = "terafab-1")
    String site;

    @Produces
    @Singleton
    MeterFilter commonTags() {
        return MeterFilter.commonTags(List.of(Tag.of("service", service), Tag.of("site", site)));
    }
}
