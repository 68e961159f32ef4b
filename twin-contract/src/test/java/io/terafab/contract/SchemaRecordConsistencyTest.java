package io.terafab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.testing.contract.AsyncApiContract;
import io.terafab.testing.contract.ContractExample;
import io.terafab.testing.contract.ContractMessage;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The document's payload schemas and the twin-contract records describe the same events: the
 * same fields (a field added to a record and not documented fails here), the same JSON types,
 * and the same required fields, where required means the consuming service refuses the event
 * without it (a primitive, or a value the record's constructor requires). Nested records (grid
 * sources, a tool reading) are compared the same way.
 */
class SchemaRecordConsistencyTest {

    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();
    private static final SchemaView SCHEMAS = new SchemaView(CONTRACT);

    /** One example of a message whose payload is the record. */
    record Sample(ContractMessage message, ContractExample example) {}

    /** A payload record, its component schema and every example of the messages carrying it. */
    record DocumentedRecord(Class<?> type, JsonNode schema, List<Sample> samples) {

        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<DocumentedRecord> documentedRecords() {
        Map<Class<?>, List<Sample>> samples = new LinkedHashMap<>();
        for (ContractMessage message : CONTRACT.messages()) {
            PayloadRecords.of(message)
                    .ifPresent(type -> message.examples()
                            .forEach(e -> samples.computeIfAbsent(type, t -> new ArrayList<>())
                                    .add(new Sample(message, e))));
        }
        return samples.entrySet().stream()
                .map(e -> new DocumentedRecord(
                        e.getKey(), SCHEMAS.component(e.getKey().getSimpleName()), e.getValue()));
    }

    /** A record reached from a payload record, with its schema, where it is in the payload. */
    private record Part(Class<?> type, JsonNode schema, String path) {}

    /** The payload record and every record nested in it, each with the schema describing it. */
    private static List<Part> parts(DocumentedRecord documented) {
        List<Part> parts = new ArrayList<>();
        collectParts(documented.type(), documented.schema(), documented.type().getSimpleName(), parts);
        return parts;
    }

    private static void collectParts(Class<?> type, JsonNode schema, String path, List<Part> parts) {
        parts.add(new Part(type, schema, path));
        Map<String, JsonNode> properties = SCHEMAS.properties(schema);
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode property = properties.get(component.getName());
            Class<?> nested = nestedRecord(component);
            if (property == null || nested == null) {
                continue;
            }
            JsonNode nestedSchema = component.getType().isRecord()
                    ? SCHEMAS.objectSchema(property)
                    : SCHEMAS.objectSchema(SCHEMAS.items(property));
            assertThat(nestedSchema)
                    .as("schema of %s.%s", path, component.getName())
                    .isNotNull();
            collectParts(nested, nestedSchema, path + "." + component.getName(), parts);
        }
    }

    /** The record a component holds, directly or as list elements; null for values. */
    private static Class<?> nestedRecord(RecordComponent component) {
        if (component.getType().isRecord()) {
            return component.getType();
        }
        if (Collection.class.isAssignableFrom(component.getType())
                && component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element
                && element.isRecord()) {
            return element;
        }
        return null;
    }

    private static Set<String> componentNames(Class<?> type) {
        return Stream.of(type.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void everyPayloadRecordOfTheContractIsDocumented() {
        Set<String> documented =
                documentedRecords().map(d -> d.type().getSimpleName()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(PayloadRecords.all());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedRecords")
    void propertiesAreTheRecordsComponents(DocumentedRecord documented) {
        for (Part part : parts(documented)) {
            assertThat(SCHEMAS.properties(part.schema()).keySet())
                    .as("properties of %s", part.path())
                    .containsExactlyInAnyOrderElementsOf(componentNames(part.type()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedRecords")
    void jsonTypesAreThoseOfTheComponentsAndOnlyOptionalOnesMayBeNull(DocumentedRecord documented) {
        for (Part part : parts(documented)) {
            Map<String, JsonNode> properties = SCHEMAS.properties(part.schema());
            Set<String> required = SCHEMAS.required(part.schema());
            for (RecordComponent component : part.type().getRecordComponents()) {
                JsonNode property = properties.get(component.getName());
                if (property == null) {
                    continue; // reported by propertiesAreTheRecordsComponents
                }
                String where = part.path() + "." + component.getName();
                Set<String> types = SCHEMAS.types(property);
                assertThat(types).as("JSON types of %s", where).contains(jsonType(component.getType()));
                assertThat(types.stream().filter(t -> !t.equals("null")))
                        .as("JSON types of %s", where)
                        .containsOnly(jsonType(component.getType()));
                boolean mayBeNull = !component.getType().isPrimitive() && !required.contains(component.getName());
                assertThat(types.contains("null")).as("%s may be null", where).isEqualTo(mayBeNull);
            }
        }
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type == Instant.class) {
            return "string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        throw new IllegalArgumentException("no JSON type for " + type);
    }

    /**
     * Required in the schema exactly when the consuming service refuses every example without the
     * field; primitives always are ({@code FAIL_ON_NULL_FOR_PRIMITIVES}). The examples must show
     * each optional field's absence or a variant that does without it (a healthy report needs no
     * reason), which is what makes the probe tell optional from required.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedRecords")
    void requiredAreTheComponentsTheConsumingServiceCannotDoWithout(DocumentedRecord documented) throws Exception {
        Map<Class<?>, Set<String>> optional = new LinkedHashMap<>();
        Map<Class<?>, Integer> seen = new LinkedHashMap<>();
        for (Sample sample : documented.samples()) {
            ObjectNode payload = sample.example().payload().deepCopy();
            assertThat(ServiceJson.readable(payload, documented.type()))
                    .as("%s as it is", sample.example())
                    .isTrue();
            Map<Class<?>, List<ObjectNode>> instances = new LinkedHashMap<>();
            collectInstances(documented.type(), payload, instances);
            instances.forEach((type, nodes) -> {
                seen.merge(type, nodes.size(), Integer::sum);
                for (ObjectNode node : nodes) {
                    for (String field : componentNames(type)) {
                        JsonNode saved = node.remove(field);
                        if (ServiceJson.readable(payload, documented.type())) {
                            optional.computeIfAbsent(type, t -> new TreeSet<>()).add(field);
                        }
                        if (saved != null) {
                            node.set(field, saved);
                        }
                    }
                }
            });
        }
        for (Part part : parts(documented)) {
            assertThat(seen.getOrDefault(part.type(), 0))
                    .as("examples showing %s", part.path())
                    .isPositive();
            Set<String> cannotDoWithout = new TreeSet<>(componentNames(part.type()));
            cannotDoWithout.removeAll(optional.getOrDefault(part.type(), Set.of()));
            Set<String> primitives = Stream.of(part.type().getRecordComponents())
                    .filter(c -> c.getType().isPrimitive())
                    .map(RecordComponent::getName)
                    .collect(Collectors.toSet());

            assertThat(cannotDoWithout)
                    .as("components %s cannot do without", part.path())
                    .containsAll(primitives);
            assertThat(SCHEMAS.required(part.schema()))
                    .as("required of %s", part.path())
                    .containsExactlyInAnyOrderElementsOf(cannotDoWithout);
        }
    }

    /** The JSON objects of a payload that hold each record type, the payload's own type included. */
    private static void collectInstances(Class<?> type, JsonNode node, Map<Class<?>, List<ObjectNode>> instances) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        instances.computeIfAbsent(type, t -> new ArrayList<>()).add(object);
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> nested = nestedRecord(component);
            JsonNode child = object.get(component.getName());
            if (nested == null || child == null) {
                continue;
            }
            if (child.isArray()) {
                child.forEach(element -> collectInstances(nested, element, instances));
            } else {
                collectInstances(nested, child, instances);
            }
        }
    }

    /** Producers write absent optional values as null: each must pass the schema and the consumer as null. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedRecords")
    void everyOptionalFieldMayBeWrittenAsNull(DocumentedRecord documented) {
        Set<String> optional = new TreeSet<>(componentNames(documented.type()));
        optional.removeAll(SCHEMAS.required(documented.schema()));
        for (Sample sample : documented.samples()) {
            for (String field : optional) {
                ObjectNode payload = sample.example().payload().deepCopy();
                if (payload.has(field) && !payload.get(field).isNull() && !mayBeDropped(sample, field)) {
                    continue; // the example's variant needs this field (a reading without which it is no event)
                }
                payload.putNull(field);
                assertThat(CONTRACT.validatePayload(sample.message(), payload))
                        .as("%s with %s null", sample.example(), field)
                        .isEmpty();
                assertThat(ServiceJson.readable(payload, documented.type()))
                        .as("%s with %s null", sample.example(), field)
                        .isTrue();
            }
        }
    }

    /** Whether the example stays a valid event without the field. */
    private static boolean mayBeDropped(Sample sample, String field) {
        ObjectNode without = sample.example().payload().deepCopy();
        without.remove(field);
        return CONTRACT.validatePayload(sample.message(), without).isEmpty();
    }
}
