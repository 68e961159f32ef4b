package io.terafab.platform.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Implemented by the one bean of a service that owns its twin model. {@link #exportState},
 * {@link #captureState} and {@link #importState} are called while the {@link StateKeeper} holds the
 * state lock, so they see and leave a consistent model.
 */
public interface TwinStateful {

    /** The whole model as JSON. */
    JsonNode exportState(ObjectMapper mapper);

    /**
     * The whole model as a detached copy (no reference into the live model) that Jackson can turn
     * into the JSON of {@link #exportState}; the conversion then runs after the lock is released,
     * so inputs wait only for the copy. The default is the JSON itself, made under the lock.
     */
    default Object captureState(ObjectMapper mapper) {
        return exportState(mapper);
    }

    /** Replaces the model by one previously exported. */
    void importState(JsonNode state, ObjectMapper mapper);

    /**
     * The version of the model's snapshot form. Raise it when the form changes, and teach
     * {@link #migrate} the step from the version before: a snapshot is always read through every
     * step from its version up to this one, never guessed at, and a snapshot newer than the code is
     * refused (see {@link StateKeeper}).
     */
    default int modelVersion() {
        return 1;
    }

    /**
     * Turns a model snapshot of version {@code from} into the form of version {@code from + 1}.
     * Called only for versions below {@link #modelVersion()}.
     */
    default JsonNode migrate(JsonNode model, int from, ObjectMapper mapper) {
        throw new IllegalStateException("no migration from model version " + from + " to " + (from + 1));
    }
}
