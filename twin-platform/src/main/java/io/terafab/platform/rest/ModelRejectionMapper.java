package io.terafab.platform.rest;

import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.model.ModelRejection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The one mapping of a model's refusal to HTTP, for every service: a REST command the model
 * refuses answers with the status of its kind and the same reason text a refused event gets in its
 * {@code dead-letter-reason} header, so the two ways in read alike.
 */
@Provider
public class ModelRejectionMapper implements ExceptionMapper<ModelRejection> {

    @Override
    public Response toResponse(ModelRejection e) {
        return refused(statusOf(e.kind()), RejectedEventException.of(e).getMessage());
    }

    public static Response.Status statusOf(ModelRejection.Kind kind) {
        return switch (kind) {
            case UNKNOWN_ENTITY -> Response.Status.NOT_FOUND;
            case NOT_ALLOWED, OUT_OF_ORDER -> Response.Status.CONFLICT;
            case INVALID -> Response.Status.BAD_REQUEST;
        };
    }

    /** A refusal's body, {@code {"reason": "<code>: <detail>"}}, for the checks a resource makes itself too. */
    public static Response refused(Response.Status status, String reason) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Refusal(reason))
                .build();
    }

    /** Why a request was refused. */
    public record Refusal(String reason) {}
}
