package io.terafab.fab.domain;

/**
 * A report or budget older than one already applied for the same tool (or the same cap): applying
 * it would rewind the twin, so it is refused and nothing was changed.
 */
public class OutOfOrderException extends FabRejection {

    public OutOfOrderException(String message) {
        super(message);
    }
}
