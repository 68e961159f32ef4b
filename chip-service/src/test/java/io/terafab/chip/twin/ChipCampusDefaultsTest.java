package io.terafab.chip.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.terafab.contract.CampusDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Chip-service makes SKUs of the fab's product and bins, and fills racks of the scheduler's size. */
class ChipCampusDefaultsTest {

    @Test
    void theProductBinsAndRackSizeAreTheCampusDefaultsAndNotOverridden() throws IOException {
        ChipConfig defaults = new SmallRyeConfigBuilder()
                .withMapping(ChipConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .build()
                .getConfigMapping(ChipConfig.class);

        assertThat(defaults.products()).containsExactly(CampusDefaults.PRODUCT);
        assertThat(defaults.bins()).isEqualTo(CampusDefaults.bins());
        assertThat(defaults.rackSize()).isEqualTo(CampusDefaults.rackSize());
        Properties properties = new Properties();
        try (InputStream in = ChipConfig.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(properties.stringPropertyNames())
                .noneMatch(key -> key.matches("(%[^.]+\\.)?chip\\.(products|bins|rack-size)"));
    }
}
