package io.terafab.scheduler.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.terafab.contract.CampusDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The scheduler asks for capacity in racks of the size chip-service fills. */
class SchedulerCampusDefaultsTest {

    @Test
    void theRackSizeIsTheCampusDefaultAndNotOverridden() throws IOException {
        SchedulerConfig defaults = new SmallRyeConfigBuilder()
                .withMapping(SchedulerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .build()
                .getConfigMapping(SchedulerConfig.class);

        assertThat(defaults.rackSize()).isEqualTo(CampusDefaults.rackSize());
        Properties properties = new Properties();
        try (InputStream in = SchedulerConfig.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(properties.stringPropertyNames()).noneMatch(key -> key.matches("(%[^.]+\\.)?scheduler\\.rack-size"));
    }
}
