package io.terafab.platform.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.platform.envelope.RejectionReason;
import io.terafab.platform.messaging.CommandOutcome;
import io.terafab.platform.model.ModelRejection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one mapping of an operator command's outcome ({@link CommandOutcome}) to HTTP, for every
 * service:
 * <ul>
 *   <li>applied, or a duplicate of an applied command: {@code applied} (200, or what the resource
 *       says) with the resource's view and {@code eventId}, {@code outcome} ({@code applied} or
 *       {@code duplicate});</li>
 *   <li>refused by the model: the status and {@code reason} the direct path gave
 *       ({@link ModelRejectionMapper}), plus {@code eventId} (its record is in the dead-letter topic);</li>
 *   <li>on the log but not applied within {@code twin.commands.timeout}: 202 with {@code eventId} and
 *       {@code outcome: pending}; it will be applied (look, or re-send with the same Idempotency-Key);</li>
 *   <li>not on the log: 503 (the broker refused it) or 504 (no acknowledgement in time; it may still
 *       be applied), with {@code reason} and {@code eventId}.</li>
 * </ul>
 */
public final class CommandAnswers {

    /** The request header whose value becomes the command's event id (see {@code OperatorCommands#eventId}). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private CommandAnswers() {}

    /**
     * @param view what the answer of an applied command shows besides its id (read after the change), or null
     */
    public static Response answer(
            CommandOutcome outcome, Response.Status applied, Supplier<?> view, ObjectMapper mapper) {
        return switch (outcome.status()) {
            case APPLIED, DUPLICATE -> {
                ObjectNode body = mapper.createObjectNode();
                body.put("eventId", outcome.eventId());
                body.put("outcome", outcome.status().name().toLowerCase(Locale.ROOT));
                Object shown = view == null ? null : view.get();
                if (shown != null) {
                    body.setAll((ObjectNode) mapper.valueToTree(shown));
                }
                yield json(applied, body);
            }
            case PENDING -> {
                ObjectNode body = mapper.createObjectNode();
                body.put("eventId", outcome.eventId());
                body.put("outcome", "pending");
                yield json(Response.Status.ACCEPTED, body);
            }
            case REJECTED -> refused(statusOf(outcome.rejection()), outcome.reason(), outcome.eventId());
            case NOT_PUBLISHED ->
                refused(Response.Status.SERVICE_UNAVAILABLE, "not-published: " + outcome.reason(), outcome.eventId());
            case UNCONFIRMED ->
                refused(Response.Status.GATEWAY_TIMEOUT, "unconfirmed: " + outcome.reason(), outcome.eventId());
        };
    }

    /** The status of a dead-letter reason: a model's refusal reads as on the direct path, anything else is our fault. */
    public static Response.Status statusOf(RejectionReason reason) {
        return switch (reason) {
            case UNKNOWN_ENTITY -> ModelRejectionMapper.statusOf(ModelRejection.Kind.UNKNOWN_ENTITY);
            case NOT_ALLOWED -> ModelRejectionMapper.statusOf(ModelRejection.Kind.NOT_ALLOWED);
            case OUT_OF_ORDER -> ModelRejectionMapper.statusOf(ModelRejection.Kind.OUT_OF_ORDER);
            case INVALID_PAYLOAD -> ModelRejectionMapper.statusOf(ModelRejection.Kind.INVALID);
            // an Idempotency-Key reused for another command
            case DUPLICATE_ID -> Response.Status.CONFLICT;
            // the service built a command it cannot read, or failed on it: not the caller's doing
            case MALFORMED, MISSING_ENVELOPE, UNSUPPORTED_TYPE, OVERSIZED, HANDLER_ERROR ->
                Response.Status.INTERNAL_SERVER_ERROR;
        };
    }

    /** A refused command's body: the reason, as in {@link ModelRejectionMapper}, and the event id. */
    public record CommandRefusal(String reason, String eventId) {}

    private static Response refused(Response.Status status, String reason, String eventId) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new CommandRefusal(reason, eventId))
                .build();
    }

    private static Response json(Response.Status status, ObjectNode body) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(body)
                .build();
    }
}
