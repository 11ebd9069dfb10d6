package io.sluice.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.sluice.avro.BatchError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAI batch input file: one request per line,
 * {@code {"custom_id","method":"POST","url":"/v1/chat/completions","body":{...}}}, each body
 * validated exactly as {@code POST /v1/chat/completions} validates its own ({@link ChatRequestParser}),
 * plus what a batch needs: a unique {@code custom_id}, no streaming, a model the key may call.
 * A bad line does not spoil the file: it becomes a {@link BatchError} naming its line, reported in
 * the batch's error file. Blank lines are skipped.
 */
final class BatchLines {
    static final String ENDPOINT = IngressRoutes.CHAT_COMPLETIONS;
    private static final int MAX_CUSTOM_ID = 512;
    private static final Set<String> FIELDS = Set.of("custom_id", "method", "url", "body");

    /** One line of the file: a request, or why it is not one. {@code customId} may be null on an invalid line. */
    record Line(int number, String customId, ChatCompletionRequest request, BatchError error) {
        boolean valid() {
            return error == null;
        }
    }

    /** Who the file's requests are for: which models exist, and which the key may call. */
    interface Models {
        boolean callable(String model);
    }

    private final ChatRequestParser parser;

    BatchLines(ChatRequestParser parser) {
        this.parser = parser;
    }

    /** Every non-blank line of {@code content} (UTF-8 JSONL), valid or not, in file order. */
    List<Line> read(byte[] content, Models models) {
        List<Line> lines = new ArrayList<>();
        Set<String> customIds = new HashSet<>();
        int number = 0;
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            number++;
            String text = new String(content, start, end - start, StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                lines.add(line(number, content, start, end - start, models, customIds));
            }
            start = end + 1;
        }
        return lines;
    }

    private Line line(int number, byte[] content, int offset, int length, Models models, Set<String> customIds) {
        String customId = null;
        try {
            JsonNode root = parser.readTree(Unpooled.wrappedBuffer(content, offset, length));
            if (!root.isObject()) {
                throw new ApiException(ApiError.invalidJson("each line must be a JSON object."));
            }
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                if (!FIELDS.contains(field.getKey())) {
                    throw new ApiException(ApiError.unknownParameter(field.getKey()));
                }
            }
            customId = customId(root.get("custom_id"));
            if (!customIds.add(customId)) {
                throw new ApiException(ApiError.invalidRequest("The custom_id `" + customId
                        + "` is used by an earlier line; each line needs its own.", "custom_id", "duplicate_custom_id"));
            }
            requireText(root.get("method"), "method", "POST");
            requireText(root.get("url"), "url", ENDPOINT);
            JsonNode body = root.get("body");
            if (body == null || !body.isObject()) {
                throw MessagesParser.missing("body");
            }
            ChatCompletionRequest request = parser.parse(body);
            if (request.stream()) {
                throw new ApiException(ApiError.invalidValue("Batch requests cannot stream.", "body.stream"));
            }
            if (!models.callable(request.model())) {
                throw new ApiException(ApiError.modelNotFound(request.model()));
            }
            return new Line(number, customId, request, null);
        } catch (ApiException e) {
            ApiError error = e.error();
            return new Line(number, customId, null, new BatchError(
                    error.code() == null ? "invalid_request" : error.code(), error.message(), error.param(), number));
        }
    }

    private static String customId(JsonNode node) {
        if (node == null || node.isNull()) {
            throw MessagesParser.missing("custom_id");
        }
        String id = JsonValues.string(node, "custom_id");
        if (id.isBlank() || id.length() > MAX_CUSTOM_ID) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for 'custom_id': 1.." + MAX_CUSTOM_ID + " characters.", "custom_id"));
        }
        return id;
    }

    private static void requireText(JsonNode node, String param, String expected) {
        if (node == null || node.isNull()) {
            throw MessagesParser.missing(param);
        }
        if (!expected.equals(JsonValues.string(node, param))) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for '" + param + "': only " + expected + " is supported.", param));
        }
    }
}
