package io.sluice.ingress;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.sluice.avro.FileRecord;
import io.sluice.schemas.BatchIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The OpenAI Files API, for batch input and results: {@code POST /v1/files} (multipart, purpose
 * {@code batch}, a JSONL file within {@link BatchLimits}, every line checked as a batch request),
 * {@code GET /v1/files}, {@code GET /v1/files/{id}} and {@code GET /v1/files/{id}/content}. A key
 * sees only its tenant's files; another tenant's file is answered like one that does not exist.
 */
final class FilesHandler {
    static final String FILES = "/v1/files";
    static final String FILE = "/v1/files/";
    static final String JSONL = "application/jsonl";
    private static final String CONTENT = "/content";

    private final BatchApi api;

    FilesHandler(BatchApi api) {
        this.api = api;
    }

    RouteTable.Builder addTo(RouteTable.Builder table) {
        return table
                .route("files", HttpMethod.POST, FILES, RouteTable.guarded(this::upload))
                .route("files", HttpMethod.GET, FILES, RouteTable.guarded(this::list))
                .prefixRoute("file", HttpMethod.GET, FILE, RouteTable.guarded(this::get));
    }

    private void upload(Exchange exchange) {
        ApiKey key = Authentication.tenantKey(api.auth(), exchange);
        Upload upload = read(exchange.request());
        if (!BatchIds.PURPOSE_INPUT.equals(upload.purpose())) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for 'purpose': only 'batch' is supported.", "purpose"));
        }
        if (upload.content().length > api.limits().maxFileBytes()) {
            throw new ApiException(new ApiError(413, io.sluice.schemas.ErrorTypes.INVALID_REQUEST, "file_too_large",
                    "The file is larger than the " + api.limits().maxFileBytes() + " bytes this gateway accepts.",
                    "file", null));
        }
        api.answerLater(exchange, () -> {
            List<BatchLines.Line> lines = api.lines().read(upload.content(),
                    model -> api.models().contains(model) && key.allowsModel(model));
            if (lines.isEmpty()) {
                throw new ApiException(ApiError.invalidValue("The file has no request line.", "file"));
            }
            if (lines.size() > api.limits().maxLines()) {
                throw new ApiException(ApiError.invalidValue("The file has " + lines.size()
                        + " requests; a batch takes at most " + api.limits().maxLines() + ".", "file"));
            }
            Instant now = api.clock().instant().truncatedTo(ChronoUnit.MILLIS);
            FileRecord file = api.files().put(FileRecord.newBuilder()
                    .setFileId(BatchApi.newId("file-"))
                    .setTenantId(key.tenantId())
                    .setAppId(key.appId())
                    .setPurpose(BatchIds.PURPOSE_INPUT)
                    .setFilename(upload.filename())
                    .setBytes(upload.content().length)
                    .setLines(lines.size())
                    .setChunks(0)
                    .setCreatedAt(now)
                    .setWrittenAt(now), upload.content());
            long invalid = lines.stream().filter(line -> !line.valid()).count();
            String details = invalid == 0 ? null : invalid + " of " + lines.size()
                    + " lines are not valid requests; a batch reports each in its error file.";
            return HttpResponses.json(HttpResponseStatus.OK, BatchJson.file(file, details));
        });
    }

    private void list(Exchange exchange) {
        ApiKey key = Authentication.tenantKey(api.auth(), exchange);
        exchange.respond(HttpResponses.json(HttpResponseStatus.OK, BatchJson.files(api.files().list(key.tenantId()))));
    }

    private void get(Exchange exchange) {
        ApiKey key = Authentication.tenantKey(api.auth(), exchange);
        String rest = RouteTable.path(exchange.request().uri()).substring(FILE.length());
        boolean content = rest.endsWith(CONTENT);
        String id = content ? rest.substring(0, rest.length() - CONTENT.length()) : rest;
        FileRecord file = api.files().get(id).filter(f -> f.getTenantId().equals(key.tenantId()))
                .orElseThrow(() -> new ApiException(notFound(id)));
        if (!content) {
            exchange.respond(HttpResponses.json(HttpResponseStatus.OK, BatchJson.file(file, null)));
            return;
        }
        api.streamLater(exchange, JSONL, piece -> api.files().read(file, piece));
    }

    static ApiError notFound(String id) {
        return new ApiError(404, io.sluice.schemas.ErrorTypes.INVALID_REQUEST, "file_not_found",
                "No such File object: " + (id.length() > 64 ? id.substring(0, 64) + "..." : id), "id", null);
    }

    private record Upload(String purpose, String filename, byte[] content) {
    }

    /** The {@code purpose} and {@code file} parts of a multipart body; anything else is a 400. */
    private static Upload read(FullHttpRequest request) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        CharSequence mime = type == null ? null : HttpUtil.getMimeType(type);
        if (mime == null || !"multipart/form-data".equalsIgnoreCase(mime.toString())) {
            throw new ApiException(new ApiError(415, io.sluice.schemas.ErrorTypes.INVALID_REQUEST,
                    "unsupported_media_type", "Upload the file as multipart/form-data.", null, null));
        }
        HttpPostRequestDecoder decoder;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new ApiException(ApiError.invalidRequest("The multipart body could not be read.", null, "invalid_body"));
        }
        try {
            String purpose = null;
            FileUpload file = null;
            for (InterfaceHttpData part : decoder.getBodyHttpDatas()) {
                if (part instanceof Attribute attribute && "purpose".equals(part.getName())) {
                    purpose = attribute.getValue();
                } else if (part instanceof FileUpload upload && "file".equals(part.getName())) {
                    file = upload;
                }
            }
            if (purpose == null) {
                throw MessagesParser.missing("purpose");
            }
            if (file == null) {
                throw MessagesParser.missing("file");
            }
            String name = file.getFilename() == null || file.getFilename().isBlank() ? "batch.jsonl" : file.getFilename();
            return new Upload(purpose, name.length() > 255 ? name.substring(0, 255) : name, file.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new ApiException(ApiError.invalidRequest("The multipart body could not be read.", null, "invalid_body"));
        } finally {
            decoder.destroy();
        }
    }
}
