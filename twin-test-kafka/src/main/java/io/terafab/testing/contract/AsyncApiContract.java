package io.terafab.testing.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/**
 * The twin's AsyncAPI 3 document, loaded from the checkout, with every message's schemas ready to
 * check a Kafka record: its key, its {@code ce_*} headers and its payload.
 *
 * <p>Schemas are the document's own, in AsyncAPI's default format (JSON Schema draft-07), with
 * {@code format} asserted ({@code date-time} must be RFC 3339). Their {@code $ref}s are resolved
 * by the validator within the document; the document's own references (channel to message,
 * operation to channel) are resolved here, and a reference that leads nowhere fails the load.
 */
public final class AsyncApiContract {

    /** Where the document lives, relative to the repository root. */
    public static final String DOCUMENT = "deploy/asyncapi/terafab-twin.asyncapi.yaml";

    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SUBJECT = "ce_subject";

    /** The document's identity for the validator: local references resolve against it, nothing is fetched. */
    private static final String DOCUMENT_IRI = "urn:terafab:asyncapi";

    private static final String MESSAGES = "/components/messages/";
    private static final String SCHEMAS = "/components/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final List<ContractChannel> channels;
    private final List<ContractOperation> operations;

    private AsyncApiContract(JsonNode document) {
        this.document = document;
        List<String> unresolved = unresolvedReferences(document);
        if (!unresolved.isEmpty()) {
            throw new IllegalArgumentException("the AsyncAPI document has references that lead nowhere: " + unresolved);
        }
        String documentJson;
        try {
            documentJson = JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        this.registry = SchemaRegistry.withDefaultDialect(
                AsyncApiSchemaFormat.dialect(),
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, documentJson))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()));
        this.channels = readChannels();
        this.operations = readOperations();
    }

    /** The document of the checkout the tests run in. */
    public static AsyncApiContract load() {
        return load(RepositoryRoot.find().resolve(DOCUMENT));
    }

    public static AsyncApiContract load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A document given as YAML (or JSON) text. Duplicate keys are refused: YAML would silently keep the last. */
    public static AsyncApiContract parse(String yaml) {
        try {
            YAMLMapper mapper = YAMLMapper.builder()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .build();
            return new AsyncApiContract(mapper.readTree(yaml));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the AsyncAPI document is not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** A copy of the whole document as parsed, for checks this class does not make. */
    public JsonNode document() {
        return document.deepCopy();
    }

    public List<ContractChannel> channels() {
        return channels;
    }

    public Optional<ContractChannel> channel(String topic) {
        return channels.stream().filter(c -> c.address().equals(topic)).findFirst();
    }

    public List<ContractOperation> operations() {
        return operations;
    }

    /** Every message of every channel (a message shared by channels, like dead letters, once per channel). */
    public List<ContractMessage> messages() {
        return channels.stream().flatMap(c -> c.messages().stream()).toList();
    }

    /** Every example of every channel's messages, in document order. */
    public List<ContractExample> examples() {
        return messages().stream().flatMap(m -> m.examples().stream()).toList();
    }

    /** The message a record of this topic and {@code ce_type} must match: the one fixing that type, else the channel's only untyped one. */
    public Optional<ContractMessage> message(String topic, String type) {
        Optional<ContractChannel> channel = channel(topic);
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        List<ContractMessage> messages = channel.get().messages();
        Optional<ContractMessage> typed = messages.stream()
                .filter(m -> m.type() != null && m.type().equals(type))
                .findFirst();
        if (typed.isPresent()) {
            return typed;
        }
        List<ContractMessage> untyped =
                messages.stream().filter(m -> m.type() == null).toList();
        return untyped.size() == 1 ? Optional.of(untyped.get(0)) : Optional.empty();
    }

    /**
     * Checks a Kafka record against the contract.
     *
     * @param payload the record's value as received, or null (a tombstone)
     * @return what is wrong, each prefixed by the part ({@code key}, {@code headers}, {@code payload}); empty when it conforms
     */
    public List<String> validate(String topic, String key, Map<String, String> headers, byte[] payload) {
        if (channel(topic).isEmpty()) {
            return List.of("topic " + topic + " is not in the contract");
        }
        String type = headers.get(CE_TYPE);
        Optional<ContractMessage> message = message(topic, type);
        if (message.isEmpty()) {
            return List.of("topic " + topic + " carries no message of type " + type);
        }
        List<String> violations = new ArrayList<>(validateHeaders(message.get(), headers));
        JsonNode json = null;
        if (message.get().json()) {
            try {
                json = payload == null ? NullNode.getInstance() : JSON.readTree(payload);
            } catch (IOException e) {
                violations.add("payload is not JSON: " + e.getMessage());
            }
        }
        if (json != null) {
            violations.addAll(validatePayload(message.get(), json));
        }
        violations.addAll(validateKey(message.get(), key, json));
        return violations;
    }

    /** Checks a payload against the message's payload schema. */
    public List<String> validatePayload(ContractMessage message, JsonNode payload) {
        return check(message.pointer() + "/payload", payload, "payload");
    }

    /** Checks headers (as text) against the message's headers schema; a message without one accepts any. */
    public List<String> validateHeaders(ContractMessage message, Map<String, String> headers) {
        if (document.at(message.pointer() + "/headers").isMissingNode()) {
            return List.of();
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        headers.forEach(node::put);
        return check(message.pointer() + "/headers", node, "headers");
    }

    /** Checks a key against the message's key schema and, when the key names a payload field, against that field. */
    public List<String> validateKey(ContractMessage message, String key, JsonNode payload) {
        String keyPointer = message.pointer() + "/bindings/kafka/key";
        if (document.at(keyPointer).isMissingNode()) {
            return List.of();
        }
        List<String> violations = new ArrayList<>(check(
                keyPointer, key == null ? NullNode.getInstance() : JsonNodeFactory.instance.textNode(key), "key"));
        if (message.keyField() != null
                && payload != null
                && payload.path(message.keyField()).isTextual()) {
            String field = payload.get(message.keyField()).asText();
            if (!field.equals(key)) {
                violations.add("key '" + key + "' is not the payload's " + message.keyField() + " '" + field + "'");
            }
        }
        return violations;
    }

    /** The node, or the node of the document its {@code $ref} chain leads to (to read, not to change). */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("$ref cycle at " + node);
            }
            current = document.at(pointerOf(current.get("$ref").asText()));
        }
        return current;
    }

    private List<String> check(String pointer, JsonNode instance, String part) {
        Schema schema =
                compiled.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + p)));
        return schema.validate(instance).stream()
                .map(error -> part + error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    private List<ContractChannel> readChannels() {
        List<ContractChannel> result = new ArrayList<>();
        document.path("channels").properties().forEach(entry -> {
            JsonNode channel = resolve(entry.getValue());
            String address = channel.path("address").asText(null);
            if (address == null) {
                throw new IllegalArgumentException("channel " + entry.getKey() + " has no address");
            }
            JsonNode kafka = channel.path("bindings").path("kafka");
            List<String> cleanup = new ArrayList<>();
            kafka.path("topicConfiguration").path("cleanup.policy").forEach(p -> cleanup.add(p.asText()));
            List<ContractMessage> messages = new ArrayList<>();
            channel.path("messages")
                    .properties()
                    .forEach(m -> messages.add(readMessage(address, m.getKey(), m.getValue())));
            result.add(new ContractChannel(
                    entry.getKey(), address, kafka.path("partitions").asInt(-1), cleanup, messages));
        });
        return List.copyOf(result);
    }

    private ContractMessage readMessage(String topic, String id, JsonNode reference) {
        String pointer = finalPointer(reference, "the message " + id + " of " + topic);
        JsonNode message = document.at(pointer);
        String name = pointer.startsWith(MESSAGES) ? pointer.substring(MESSAGES.length()) : id;
        String contentType = message.path("contentType")
                .asText(document.path("defaultContentType").asText(""));
        JsonNode keySchema = resolve(message.path("bindings").path("kafka").path("key"));
        String keyField = keySchema.path("x-payload-field").asText(null);
        List<ContractExample> examples = new ArrayList<>();
        for (JsonNode example : message.path("examples")) {
            Map<String, String> headers = new LinkedHashMap<>();
            example.path("headers")
                    .properties()
                    .forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            JsonNode payload = example.path("payload");
            String key = headers.containsKey(CE_SUBJECT)
                    ? headers.get(CE_SUBJECT)
                    : keyField != null && payload.path(keyField).isTextual()
                            ? payload.get(keyField).asText()
                            : null;
            examples.add(new ContractExample(topic, name, example.path("name").asText(""), key, headers, payload));
        }
        return new ContractMessage(
                topic,
                name,
                pointer,
                fixedValue(message.path("headers"), CE_TYPE),
                contentType.contains("json"),
                referencedSchema(message.path("payload")),
                keyField,
                examples);
    }

    private List<ContractOperation> readOperations() {
        List<ContractOperation> result = new ArrayList<>();
        document.path("operations").properties().forEach(entry -> {
            JsonNode operation = resolve(entry.getValue());
            String channelPointer =
                    finalPointer(operation.path("channel"), "the channel of operation " + entry.getKey());
            List<String> messages = new ArrayList<>();
            for (JsonNode message : operation.path("messages")) {
                String pointer = finalPointer(message, "a message of operation " + entry.getKey());
                messages.add(pointer.startsWith(MESSAGES) ? pointer.substring(MESSAGES.length()) : pointer);
            }
            String party = operation.path("tags").path(0).path("name").asText(null);
            result.add(new ContractOperation(
                    entry.getKey(),
                    operation.path("action").asText(),
                    party,
                    document.at(channelPointer).path("address").asText(),
                    messages));
        });
        return List.copyOf(result);
    }

    /** The value a schema fixes for a property with {@code const}, looking through {@code allOf}. */
    private String fixedValue(JsonNode schemaOrRef, String property) {
        JsonNode schema = resolve(schemaOrRef);
        JsonNode constant = resolve(schema.path("properties").path(property)).path("const");
        if (constant.isTextual()) {
            return constant.asText();
        }
        for (JsonNode part : schema.path("allOf")) {
            String value = fixedValue(part, property);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The component schema a payload is, or builds on with {@code allOf}. */
    private static String referencedSchema(JsonNode payload) {
        String ref = payload.path("$ref").asText("");
        if (ref.startsWith("#" + SCHEMAS)) {
            return ref.substring(SCHEMAS.length() + 1);
        }
        for (JsonNode part : payload.path("allOf")) {
            String name = referencedSchema(part);
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    private String finalPointer(JsonNode node, String where) {
        String pointer = null;
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("$ref cycle at " + where);
            }
            pointer = pointerOf(current.get("$ref").asText());
            current = document.at(pointer);
        }
        if (pointer == null) {
            throw new IllegalArgumentException(where + " must be a $ref");
        }
        return pointer;
    }

    private static String pointerOf(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only references within the document are supported, was " + ref);
        }
        return ref.substring(1);
    }

    /** Every {@code $ref} of the document that is not a pointer to an existing node of it. */
    static List<String> unresolvedReferences(JsonNode document) {
        List<String> unresolved = new ArrayList<>();
        collectUnresolved(document, document, unresolved);
        return unresolved;
    }

    private static void collectUnresolved(JsonNode document, JsonNode node, List<String> unresolved) {
        JsonNode ref = node.get("$ref");
        if (node.isObject() && ref != null) {
            String target = ref.asText();
            if (!target.startsWith("#/") || document.at(target.substring(1)).isMissingNode()) {
                unresolved.add(target);
            }
        }
        StreamSupport.stream(node.spliterator(), false)
                .forEach(child -> collectUnresolved(document, child, unresolved));
    }
}
