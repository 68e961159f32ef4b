package io.terafab.testing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One example event of the document, as an integrator would publish it.
 *
 * @param topic the channel's address
 * @param message the message it exemplifies (its component name, e.g. {@code WaferOutRecorded})
 * @param name the example's name, unique within its message
 * @param key the Kafka key: {@code ce_subject}, else the payload's key field; null when neither is given
 * @param headers the Kafka headers, as text
 * @param payload the JSON payload
 */
public record ContractExample(
        String topic, String message, String name, String key, Map<String, String> headers, JsonNode payload) {

    public ContractExample {
        headers = Map.copyOf(headers);
        payload = payload.deepCopy(); // the document's own node stays as it was read
    }

    /** The example's {@code ce_id}, or null. */
    public String id() {
        return headers.get(AsyncApiContract.CE_ID);
    }

    @Override
    public String toString() {
        return topic + " " + message + " example '" + name + "'";
    }
}
