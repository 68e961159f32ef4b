package io.terafab.ops;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What twin-contract and the services say about the topics, read from the compiled contract and
 * the repository's files, to hold the integrators' tool to it.
 */
final class TwinContract {

    static final List<String> SERVICES = List.of("fab-service", "chip-service", "power-service", "scheduler-service");
    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\.topic");
    /** The payload records document their key as {@code @param <field> … (Kafka key…}. */
    private static final Pattern KEY_PARAM = Pattern.compile("@param\\s+(\\w+)\\s[^\\n]*\\(Kafka key");

    private TwinContract() {}

    /** The topics of every incoming channel of the four services' application.properties (any profile's default). */
    static Set<String> incomingTopicsOfTheServices() {
        Set<String> topics = new TreeSet<>();
        for (String service : SERVICES) {
            Path file = TwinRepository.root().resolve(service).resolve("src/main/resources/application.properties");
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.stringPropertyNames().stream()
                    .filter(name -> INCOMING_TOPIC.matcher(name).matches())
                    .forEach(name -> topics.add(properties.getProperty(name).trim()));
        }
        return topics;
    }

    /** The values of a class's public static String constants (Topics, EventTypes). */
    static Set<String> constants(Class<?> holder) {
        return Arrays.stream(holder.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(TwinContract::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The payload record of a versioned type, by the contract's naming rule:
     * {@code io.terafab.<domain>.<event-name>.v<N>} is carried by {@code io.terafab.contract.EventName}.
     */
    static Class<?> payloadOf(String type) {
        String[] parts = type.split("\\.");
        if (parts.length != 5 || !parts[4].matches("v\\d+")) {
            throw new AssertionError(type + " is not io.terafab.<domain>.<event>.v<N>");
        }
        String simpleName = Arrays.stream(parts[3].split("-"))
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining());
        try {
            Class<?> payload = Class.forName("io.terafab.contract." + simpleName);
            if (!payload.isRecord()) {
                throw new AssertionError(payload + " is not a record");
            }
            return payload;
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no payload record io.terafab.contract." + simpleName + " for " + type, e);
        }
    }

    /** The record component its source documents as the Kafka key; it must be a component. */
    static String documentedKey(Class<?> payload) {
        Path source = TwinRepository.root()
                .resolve("twin-contract/src/main/java")
                .resolve(payload.getName().replace('.', '/') + ".java");
        Matcher matcher;
        try {
            matcher = KEY_PARAM.matcher(Files.readString(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!matcher.find()) {
            throw new AssertionError(source + " documents no @param as the Kafka key");
        }
        String key = matcher.group(1);
        boolean component = Arrays.stream(payload.getRecordComponents())
                .anyMatch(c -> c.getName().equals(key));
        if (!component) {
            throw new AssertionError(
                    payload.getSimpleName() + " documents " + key + " as its key but has no such component");
        }
        return key;
    }

    private static String valueOf(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
