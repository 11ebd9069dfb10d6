package io.sluice.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.sluice.avro.AiRequest;
import io.sluice.avro.BatchAction;
import io.sluice.avro.BatchCommand;
import io.sluice.avro.BatchState;
import io.sluice.avro.BatchStatus;
import io.sluice.avro.FileRecord;
import io.sluice.avro.Priority;
import io.sluice.schemas.BatchIds;
import io.sluice.schemas.ErrorTypes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAI Batch API: {@code POST /v1/batches} (from an uploaded {@code batch} file, endpoint
 * {@code /v1/chat/completions}, window {@code 24h}), {@code GET /v1/batches}, {@code GET
 * /v1/batches/{id}} and {@code POST /v1/batches/{id}/cancel}. Creating reads the file back, checks
 * every line and the whole file's worst-case cost against the budgets, then writes the batch and
 * its lines to {@code batch.commands} in one transaction; the batch coordinator takes it from
 * there. States are read from the {@code batches} topic, as the coordinator publishes them.
 */
final class BatchesHandler {
    static final String BATCHES = "/v1/batches";
    static final String BATCH = "/v1/batches/";
    static final String WINDOW = "24h";
    private static final Duration WINDOW_LENGTH = Duration.ofHours(24);
    private static final String CANCEL = "/cancel";
    private static final Set<String> FIELDS = Set.of("input_file_id", "endpoint", "completion_window", "metadata");

    private final BatchApi api;

    BatchesHandler(BatchApi api) {
        this.api = api;
    }

    RouteTable.Builder addTo(RouteTable.Builder table) {
        return table
                .route("batches", HttpMethod.POST, BATCHES, RouteTable.guarded(this::create))
                .route("batches", HttpMethod.GET, BATCHES, RouteTable.guarded(this::list))
                .prefixRoute("batch", HttpMethod.GET, BATCH, RouteTable.guarded(this::get))
                .prefixRoute("batch", HttpMethod.POST, BATCH, RouteTable.guarded(this::cancel));
    }

    private void create(Exchange exchange) {
        ApiKey key = Authentication.tenantKey(api.auth(), exchange);
        if (!ChatCompletionsHandler.isJson(exchange.request().headers().get("Content-Type"))) {
            throw new ApiException(ApiError.unsupportedMediaType());
        }
        JsonNode body = api.parser().readTree(exchange.request().content());
        JsonValues.object(body, "body");
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new ApiException(ApiError.unknownParameter(name));
            }
        });
        String fileId = required(body, "input_file_id");
        if (!BatchLines.ENDPOINT.equals(required(body, "endpoint"))) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for 'endpoint': only " + BatchLines.ENDPOINT + " is supported.", "endpoint"));
        }
        if (!WINDOW.equals(required(body, "completion_window"))) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for 'completion_window': only 24h is supported.", "completion_window"));
        }
        Map<String, String> metadata = metadata(body.get("metadata"));
        FileRecord file = api.files().get(fileId).filter(f -> f.getTenantId().equals(key.tenantId()))
                .orElseThrow(() -> new ApiException(FilesHandler.notFound(fileId)));
        if (!BatchIds.PURPOSE_INPUT.equals(file.getPurpose())) {
            throw new ApiException(ApiError.invalidValue("The file's purpose must be 'batch'.", "input_file_id"));
        }
        api.answerLater(exchange, () -> HttpResponses.json(HttpResponseStatus.OK,
                BatchJson.batch(submit(key, file, metadata))));
    }

    /** Worker thread: reads and checks the file, then writes the batch and its lines. */
    private BatchState submit(ApiKey key, FileRecord file, Map<String, String> metadata) {
        List<BatchLines.Line> lines = api.lines().read(api.files().read(file),
                model -> api.models().contains(model) && key.allowsModel(model));
        Instant now = api.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        String batchId = BatchApi.newId("batch_");
        Instant expiresAt = now.plus(WINDOW_LENGTH);
        List<BatchCommand> commands = new ArrayList<>(lines.size());
        List<AiRequest> requests = new ArrayList<>(lines.size());
        for (BatchLines.Line line : lines) {
            var command = BatchCommand.newBuilder().setBatchId(batchId).setTenantId(key.tenantId())
                    .setAction(BatchAction.LINE).setAt(now).setLine(line.number()).setCustomId(line.customId());
            if (line.valid()) {
                AiRequest request = ChatCompletionsHandler.requestOf(line.request(), key)
                        .setRequestId(BatchIds.requestId(batchId, line.number()))
                        .setPriority(Priority.BATCH)
                        .setBatchId(batchId)
                        .setBatchDeadline(expiresAt)
                        .setCustomId(line.customId())
                        .setReceivedAt(now)
                        .build();
                requests.add(request);
                command.setRequest(request);
            } else {
                command.setError(line.error());
            }
            commands.add(command.build());
        }
        ApiError refusal = api.budget().check(key.tenantId(), key.appId(), api.budget().worstCase(requests), now);
        if (refusal != null) {
            throw new ApiException(refusal);
        }
        BatchState batch = BatchState.newBuilder()
                .setBatchId(batchId).setTenantId(key.tenantId()).setAppId(key.appId()).setApiKeyId(key.id())
                .setSource(BatchIds.SOURCE_API).setEndpoint(BatchLines.ENDPOINT).setInputFileId(file.getFileId())
                .setCompletionWindow(WINDOW).setStatus(BatchStatus.VALIDATING).setCreatedAt(now)
                .setExpiresAt(expiresAt).setTotal(lines.size()).setMetadata(metadata).build();
        api.log().create(batch, commands);
        api.board().put(batch);
        return batch;
    }

    private void list(Exchange exchange) {
        ApiKey key = Authentication.tenantKey(api.auth(), exchange);
        var query = new QueryStringDecoder(exchange.request().uri()).parameters();
        int limit = 20;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit").get(0));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) {
                throw new ApiException(ApiError.invalidValue("Invalid value for 'limit': 1..100.", "limit"));
            }
        }
        List<BatchState> all = api.board().list(key.tenantId());
        int from = 0;
        if (query.containsKey("after")) {
            String after = query.get("after").get(0);
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).getBatchId().equals(after)) {
                    from = i + 1;
                }
            }
        }
        List<BatchState> page = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit));
        exchange.respond(HttpResponses.json(HttpResponseStatus.OK, BatchJson.batches(page, from + limit < all.size())));
    }

    private void get(Exchange exchange) {
        ApiKey key = Authentication.tenantKey(api.auth(), exchange);
        String id = RouteTable.path(exchange.request().uri()).substring(BATCH.length());
        exchange.respond(HttpResponses.json(HttpResponseStatus.OK, BatchJson.batch(owned(key, id))));
    }

    private void cancel(Exchange exchange) {
        ApiKey key = Authentication.tenantKey(api.auth(), exchange);
        String rest = RouteTable.path(exchange.request().uri()).substring(BATCH.length());
        if (!rest.endsWith(CANCEL)) {
            throw new ApiException(ApiError.notFound("POST", RouteTable.path(exchange.request().uri())));
        }
        BatchState batch = owned(key, rest.substring(0, rest.length() - CANCEL.length()));
        switch (batch.getStatus()) {
            case COMPLETED, FAILED, EXPIRED, CANCELLED -> throw new ApiException(new ApiError(409,
                    ErrorTypes.INVALID_REQUEST, "batch_not_cancellable", "Cannot cancel a batch with status "
                    + batch.getStatus().name().toLowerCase(Locale.ROOT) + ".", null, null));
            default -> { }
        }
        api.answerLater(exchange, () -> {
            Instant now = api.clock().instant().truncatedTo(ChronoUnit.MILLIS);
            api.log().cancel(batch.getTenantId(), batch.getBatchId(), now);
            BatchState cancelling = batch.getStatus() == BatchStatus.CANCELLING ? batch
                    : BatchState.newBuilder(batch).setStatus(BatchStatus.CANCELLING).setCancellingAt(now).build();
            api.board().put(cancelling);
            return HttpResponses.json(HttpResponseStatus.OK, BatchJson.batch(cancelling));
        });
    }

    private BatchState owned(ApiKey key, String id) {
        return api.board().get(id).filter(b -> b.getTenantId().equals(key.tenantId()))
                .orElseThrow(() -> new ApiException(new ApiError(404, ErrorTypes.INVALID_REQUEST, "batch_not_found",
                        "No such Batch object: " + (id.length() > 64 ? id.substring(0, 64) + "..." : id), "id", null)));
    }

    private static String required(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            throw MessagesParser.missing(name);
        }
        return JsonValues.string(value, name);
    }

    private static Map<String, String> metadata(JsonNode value) {
        return value == null || value.isNull() ? Map.of() : ChatRequestParser.metadata(value);
    }
}
