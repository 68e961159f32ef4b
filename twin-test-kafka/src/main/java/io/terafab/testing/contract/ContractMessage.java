package io.terafab.testing.contract;

import java.util.List;

/**
 * A message of a channel, after following its {@code $ref}.
 *
 * @param topic the channel's address
 * @param name the message's component name ({@code WaferOutRecorded}, {@code DeadLetter}, ...)
 * @param pointer JSON pointer of the message object in the document
 * @param type the {@code ce_type} its headers schema fixes, or null (dead letters, snapshots)
 * @param json whether the payload is JSON ({@code contentType} application/json)
 * @param payloadSchema the component name of the payload schema it references, or null
 * @param keyField the payload field the Kafka key equals ({@code x-payload-field} of the key schema), or null
 * @param examples its examples
 */
public record ContractMessage(
        String topic,
        String name,
        String pointer,
        String type,
        boolean json,
        String payloadSchema,
        String keyField,
        List<ContractExample> examples) {

    public ContractMessage {
        examples = List.copyOf(examples);
    }
}
