package io.terafab.fab.domain;

/** A change the fab line refuses because a value is out of range; nothing was changed. */
public class FabRejection extends RuntimeException {

    public FabRejection(String message) {
        super(message, null, false, false);
    }
}
