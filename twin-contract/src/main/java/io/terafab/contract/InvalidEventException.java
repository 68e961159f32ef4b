package io.terafab.contract;

/** A payload value is missing or out of range; the message says which and why. */
public class InvalidEventException extends IllegalArgumentException {

    public InvalidEventException(String message) {
        super(message);
    }
}
