package io.terafab.contract;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service module's {@code application.properties} says about Kafka: its name, the topics of
 * its incoming and outgoing channels, whether it keeps a state topic, and any Jackson settings.
 *
 * @param module the module folder
 * @param name {@code quarkus.application.name}
 * @param reads topics of its incoming channels
 * @param writes topics of its outgoing channels
 * @param keepsState whether it snapshots its state ({@code twin.state.enabled} is not false)
 * @param jacksonKeys its {@code quarkus.jackson.*} keys
 */
record ServiceSettings(
        String module,
        String name,
        Set<String> reads,
        Set<String> writes,
        boolean keepsState,
        Set<String> jacksonKeys) {

    private static final Pattern TOPIC = Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic$");

    /** Every module of the checkout with a {@code src/main/resources/application.properties}. */
    static List<ServiceSettings> of(Path root) {
        try (Stream<Path> modules = Files.list(root)) {
            return modules.filter(m -> Files.isRegularFile(properties(m)))
                    .sorted()
                    .map(ServiceSettings::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path properties(Path module) {
        return module.resolve("src/main/resources/application.properties");
    }

    private static ServiceSettings read(Path module) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(properties(module))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> reads = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        Set<String> jackson = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            Matcher m = TOPIC.matcher(key);
            if (m.matches()) {
                (m.group(1).equals("incoming") ? reads : writes).add(p.getProperty(key));
            }
            if (key.startsWith("quarkus.jackson.") || key.matches("^%[^.]+\\.quarkus\\.jackson\\..*")) {
                jackson.add(key);
            }
        }
        return new ServiceSettings(
                module.getFileName().toString(),
                p.getProperty("quarkus.application.name"),
                reads,
                writes,
                !"false".equals(p.getProperty("twin.state.enabled")),
                jackson);
    }

    /** Whether it takes part in the twin's messaging at all (the sensor simulator, say, publishes through its own producer). */
    boolean usesChannels() {
        return !reads.isEmpty() || !writes.isEmpty();
    }
}
