package io.terafab.platform.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Implemented by the one bean of a service that owns its twin model. Both methods are called
 * while the {@link StateKeeper} holds the state lock, so they see and leave a consistent model.
 */
public interface TwinStateful {

    /** The whole model as JSON. */
    JsonNode exportState(ObjectMapper mapper);

    /** Replaces the model by one previously exported. */
    void importState(JsonNode state, ObjectMapper mapper);
}
