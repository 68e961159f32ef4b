package io.terafab.sensors.catalog;

/** A catalog source could not answer: a service down, a file missing or unreadable. */
public class CatalogUnavailableException extends RuntimeException {

    public CatalogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public CatalogUnavailableException(String message) {
        super(message);
    }
}
