package io.terafab.testing.contract;

import java.util.List;

/**
 * A topic of the document.
 *
 * @param id the channel's key under {@code channels}
 * @param address the topic name
 * @param partitions the partitions of its Kafka binding
 * @param cleanupPolicy its {@code cleanup.policy} ({@code delete}, {@code compact})
 * @param messages what it carries
 */
public record ContractChannel(
        String id, String address, int partitions, List<String> cleanupPolicy, List<ContractMessage> messages) {

    public ContractChannel {
        cleanupPolicy = List.copyOf(cleanupPolicy);
        messages = List.copyOf(messages);
    }
}
