package io.terafab.contract;

import io.terafab.testing.contract.ContractMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The payload records of this package, and the one a message's payload schema documents (same simple name). */
final class PayloadRecords {

    private static final String PACKAGE = PayloadRecords.class.getPackageName();

    private PayloadRecords() {}

    /** The record whose name the message's payload schema has, if it is one of this package's. */
    static Optional<Class<?>> of(ContractMessage message) {
        if (message.payloadSchema() == null) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(PACKAGE + "." + message.payloadSchema());
            return type.isRecord() ? Optional.of(type) : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Simple names of the package's top-level records: every one is an event payload. */
    static Set<String> all() {
        try {
            Path classes = Path.of(WaferOutRecorded.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .resolve(PACKAGE.replace('.', '/'));
            try (Stream<Path> files = Files.list(classes)) {
                Set<String> names = new TreeSet<>();
                files.map(f -> f.getFileName().toString())
                        .filter(f -> f.endsWith(".class") && !f.contains("$"))
                        .map(f -> f.substring(0, f.length() - ".class".length()))
                        .filter(PayloadRecords::isRecord)
                        .forEach(names::add);
                return names;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRecord(String simpleName) {
        try {
            return Class.forName(PACKAGE + "." + simpleName).isRecord();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
