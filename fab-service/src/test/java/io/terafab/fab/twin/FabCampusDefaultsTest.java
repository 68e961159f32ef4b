package io.terafab.fab.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.terafab.contract.CampusDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The fab starts lots of the campus's product, sorted into its bins, as chip-service expects them. */
class FabCampusDefaultsTest {

    @Test
    void theProductAndItsBinsAreTheCampusDefaultsAndNotOverridden() throws IOException {
        FabConfig defaults = new SmallRyeConfigBuilder()
                .withMapping(FabConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .build()
                .getConfigMapping(FabConfig.class);

        assertThat(defaults.product()).isEqualTo(CampusDefaults.PRODUCT);
        assertThat(defaults.bins()).isEqualTo(CampusDefaults.bins());
        Properties properties = new Properties();
        try (InputStream in = FabConfig.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(properties.stringPropertyNames()).noneMatch(key -> key.matches("(%[^.]+\\.)?fab\\.(product|bins)"));
    }
}
