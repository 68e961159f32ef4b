package io.terafab.testing.contract;

import java.util.List;

/**
 * Who sends or receives what.
 *
 * @param id the operation's key under {@code operations}
 * @param action {@code send} or {@code receive}
 * @param party the service ({@code fab-service}, ...) or {@code integrators}: the operation's first tag
 * @param topic the address of its channel
 * @param messages component names of its messages
 */
public record ContractOperation(String id, String action, String party, String topic, List<String> messages) {

    public static final String SEND = "send";
    public static final String RECEIVE = "receive";

    public ContractOperation {
        messages = List.copyOf(messages);
    }

    public boolean sends() {
        return SEND.equals(action);
    }

    public boolean receives() {
        return RECEIVE.equals(action);
    }
}
