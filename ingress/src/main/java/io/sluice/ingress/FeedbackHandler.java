package io.sluice.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.schemas.ErrorTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/feedback}: a rating of one answer by the caller that asked for it. The body is
 * {@code {"request_id", "rating": "up"|"down"}} or {@code "score"} from 0 to 1, with an optional
 * {@code "comment"}. The request id must have been issued to the caller's own key (see
 * {@link RequestIds}); anyone else's, or an unknown one, is 404 as if it did not exist. The
 * feedback becomes a {@code FEEDBACK} audit event, so it is chained with the request's other
 * events and counted per model in the {@code metrics} topic.
 */
final class FeedbackHandler implements RouteTable.Handler {
    private static final Logger log = LoggerFactory.getLogger(FeedbackHandler.class);
    private static final JsonFactory JSON = new JsonFactory();
    static final int MAX_COMMENT = 2000;
    private static final Set<String> FIELDS = Set.of("request_id", "rating", "score", "comment");

    private final ApiKeyAuthenticator auth;
    private final ModelCatalog models;
    private final ChatRequestParser parser;
    private final FeedbackRecorder recorder;
    private final Clock clock;

    FeedbackHandler(ApiKeyAuthenticator auth, ModelCatalog models, ChatRequestParser parser, FeedbackRecorder recorder,
            Clock clock) {
        this.auth = auth;
        this.models = models;
        this.parser = parser;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public void handle(Exchange exchange) {
        ApiKey key;
        AuditEvent event;
        try {
            key = Authentication.tenantKey(auth, exchange);
            String type = exchange.request().headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                throw new ApiException(ApiError.unsupportedMediaType());
            }
            event = feedback(key, parser.readTree(exchange.request().content()));
        } catch (ApiException e) {
            exchange.respond(e.error());
            return;
        }
        recorder.record(event).whenComplete((ok, error) -> exchange.executor().execute(() -> {
            if (error != null) {
                log.warn("feedback.not_recorded request_id={} tenant={} error={}", event.getRequestId(),
                        event.getTenantId(), error.toString());
                exchange.respond(ApiError.kafkaUnavailable());
            } else {
                exchange.respond(HttpResponses.json(HttpResponseStatus.OK, render(event)));
            }
        }));
    }

    private AuditEvent feedback(ApiKey key, JsonNode body) {
        if (!body.isObject()) {
            throw new ApiException(ApiError.invalidJson("the body must be a JSON object."));
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ApiException(ApiError.unknownParameter(name));
            }
        }
        JsonNode idNode = body.get("request_id");
        if (idNode == null || idNode.isNull()) {
            throw new ApiException(ApiError.invalidRequest("Missing required parameter: 'request_id'.", "request_id",
                    "missing_required_parameter"));
        }
        String requestId = JsonValues.string(idNode, "request_id");
        var details = new TreeMap<String, String>();
        JsonNode rating = body.get("rating");
        JsonNode score = body.get("score");
        if (rating != null && !rating.isNull() && score != null && !score.isNull()) {
            throw new ApiException(ApiError.invalidValue("Give either 'rating' or 'score', not both.", "score"));
        }
        if (rating != null && !rating.isNull()) {
            String value = JsonValues.string(rating, "rating");
            if (!value.equals("up") && !value.equals("down")) {
                throw new ApiException(ApiError.invalidValue("'rating' must be \"up\" or \"down\".", "rating"));
            }
            details.put("rating", value);
        }
        if (score != null && !score.isNull()) {
            details.put("score", Double.toString(JsonValues.number(score, "score", 0, 1)));
        }
        JsonNode comment = body.get("comment");
        if (comment != null && !comment.isNull()) {
            String text = JsonValues.string(comment, "comment");
            if (text.length() > MAX_COMMENT) {
                throw new ApiException(ApiError.invalidValue("'comment' must be at most " + MAX_COMMENT + " characters.",
                        "comment"));
            }
            details.put("comment", text);
        }
        if (details.isEmpty()) {
            throw new ApiException(ApiError.invalidRequest("Give a 'rating', a 'score' or a 'comment'.", "rating",
                    "missing_required_parameter"));
        }
        Optional<String> model = RequestIds.issuedTo(requestId, key.sha256(), models.models());
        if (model.isEmpty()) {
            throw new ApiException(new ApiError(404, ErrorTypes.INVALID_REQUEST, "request_not_found",
                    "No request with id `" + (requestId.length() > 64 ? requestId.substring(0, 64) : requestId)
                            + "` was made with this API key.", "request_id", null));
        }
        String feedbackId = "fb-" + UUID.randomUUID();
        details.put("feedbackId", feedbackId);
        return AuditEvent.newBuilder()
                .setEventId(requestId + ":FEEDBACK:" + feedbackId)
                .setRequestId(requestId)
                .setTenantId(key.tenantId())
                .setAppId(key.appId())
                .setApiKeyId(key.id())
                .setStage("ingress")
                .setAction(AuditAction.FEEDBACK)
                .setRequestedModel(model.get())
                .setReason(details.containsKey("rating") ? details.get("rating")
                        : details.containsKey("score") ? "score" : "comment")
                .setTimestamp(clock.instant())
                .setDetails(Map.copyOf(details))
                .build();
    }

    private static byte[] render(AuditEvent event) {
        var out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("object", "feedback");
            g.writeStringField("id", event.getDetails().get("feedbackId"));
            g.writeStringField("request_id", event.getRequestId());
            g.writeStringField("model", event.getRequestedModel());
            if (event.getDetails().containsKey("rating")) {
                g.writeStringField("rating", event.getDetails().get("rating"));
            }
            if (event.getDetails().containsKey("score")) {
                g.writeNumberField("score", Double.parseDouble(event.getDetails().get("score")));
            }
            g.writeNumberField("created_at", event.getTimestamp().getEpochSecond());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
