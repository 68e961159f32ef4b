package io.terafab.platform.messaging;

import io.terafab.platform.envelope.RejectionReason;

/**
 * What became of an operator's command sent through the log ({@link OperatorCommands#send}).
 *
 * @param eventId the command's event id ({@code ce_id} on the commands topic)
 * @param rejection why the gate dead-lettered it (status {@link Status#REJECTED}), else null
 * @param reason {@code <code>: <detail>} of a rejection, or why the command is not known to be on the log
 */
public record CommandOutcome(String eventId, Status status, RejectionReason rejection, String reason) {

    public enum Status {
        /** The service's gate applied it. */
        APPLIED,
        /** The gate had applied an event with this id and the same content before: nothing changed again. */
        DUPLICATE,
        /** The gate refused it: it is in the topic's dead-letter topic with {@link #reason()}. */
        REJECTED,
        /** On the log (acknowledged by every in-sync replica) but not applied within the wait: it will be. */
        PENDING,
        /** Not on the log: the broker refused it, or the channel could not take it. */
        NOT_PUBLISHED,
        /** The broker did not acknowledge it within the wait: it may still be written, and then applied. */
        UNCONFIRMED
    }

    /** True when the change the command asks for is in the twin's state (now or from before). */
    public boolean applied() {
        return status == Status.APPLIED || status == Status.DUPLICATE;
    }
}
