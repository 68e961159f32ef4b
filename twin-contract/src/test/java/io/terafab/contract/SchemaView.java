package io.terafab.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.terafab.testing.contract.AsyncApiContract;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a payload schema of the document says about an object, looking through {@code $ref},
 * {@code allOf} (parts add to the whole) and {@code oneOf} (alternatives, e.g. a record or null).
 */
final class SchemaView {

    private final AsyncApiContract contract;

    SchemaView(AsyncApiContract contract) {
        this.contract = contract;
    }

    /** The schema of a component, {@code components/schemas/<name>}. */
    JsonNode component(String name) {
        JsonNode schema = contract.document().path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("no schema " + name);
        }
        return schema;
    }

    /** The properties an object schema declares, by name. */
    Map<String, JsonNode> properties(JsonNode schema) {
        JsonNode resolved = contract.resolve(schema);
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        resolved.path("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue()));
        for (JsonNode part : resolved.path("allOf")) {
            properties(part).forEach(properties::putIfAbsent);
        }
        return properties;
    }

    /** The properties an object schema requires whatever the other values are. */
    Set<String> required(JsonNode schema) {
        JsonNode resolved = contract.resolve(schema);
        Set<String> required = new TreeSet<>();
        resolved.path("required").forEach(r -> required.add(r.asText()));
        for (JsonNode part : resolved.path("allOf")) {
            required.addAll(required(part));
        }
        return required;
    }

    /** Every JSON type a value may have. */
    Set<String> types(JsonNode schema) {
        JsonNode resolved = contract.resolve(schema);
        Set<String> types = new TreeSet<>();
        JsonNode type = resolved.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(t -> types.add(t.asText()));
        for (String combinator : new String[] {"allOf", "oneOf", "anyOf"}) {
            resolved.path(combinator).forEach(part -> types.addAll(types(part)));
        }
        return types;
    }

    /** The alternative of a schema that describes an object with properties (a nested record), looking through null. */
    JsonNode objectSchema(JsonNode schema) {
        JsonNode resolved = contract.resolve(schema);
        if (resolved.has("properties")) {
            return resolved;
        }
        for (String combinator : new String[] {"allOf", "oneOf", "anyOf"}) {
            for (JsonNode part : resolved.path(combinator)) {
                JsonNode found = objectSchema(part);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The schema of an array's items. */
    JsonNode items(JsonNode schema) {
        return contract.resolve(schema).path("items");
    }
}
