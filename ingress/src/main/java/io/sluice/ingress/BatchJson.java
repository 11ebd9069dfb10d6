package io.sluice.ingress;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.avro.BatchError;
import io.sluice.avro.BatchState;
import io.sluice.avro.FileRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the OpenAI {@code batch} and {@code file} objects and their lists; times in epoch seconds. */
final class BatchJson {
    private BatchJson() {
    }

    static byte[] batch(BatchState batch) {
        return OpenAiJson.write(g -> writeBatch(g, batch));
    }

    static byte[] batches(List<BatchState> batches, boolean hasMore) {
        return OpenAiJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (BatchState batch : batches) {
                writeBatch(g, batch);
            }
            g.writeEndArray();
            g.writeStringField("first_id", batches.isEmpty() ? null : batches.get(0).getBatchId());
            g.writeStringField("last_id", batches.isEmpty() ? null : batches.get(batches.size() - 1).getBatchId());
            g.writeBooleanField("has_more", hasMore);
            g.writeEndObject();
        });
    }

    static byte[] file(FileRecord file, String statusDetails) {
        return OpenAiJson.write(g -> writeFile(g, file, statusDetails));
    }

    static byte[] files(List<FileRecord> files) {
        return OpenAiJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (FileRecord file : files) {
                writeFile(g, file, null);
            }
            g.writeEndArray();
            g.writeBooleanField("has_more", false);
            g.writeEndObject();
        });
    }

    private static void writeFile(JsonGenerator g, FileRecord file, String statusDetails) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", file.getFileId());
        g.writeStringField("object", "file");
        g.writeNumberField("bytes", file.getBytes());
        g.writeNumberField("created_at", file.getCreatedAt().getEpochSecond());
        g.writeStringField("filename", file.getFilename());
        g.writeStringField("purpose", file.getPurpose());
        g.writeStringField("status", "processed");
        g.writeStringField("status_details", statusDetails);
        g.writeEndObject();
    }

    private static void writeBatch(JsonGenerator g, BatchState b) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", b.getBatchId());
        g.writeStringField("object", "batch");
        g.writeStringField("endpoint", b.getEndpoint());
        if (b.getErrors().isEmpty()) {
            g.writeNullField("errors");
        } else {
            g.writeObjectFieldStart("errors");
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (BatchError error : b.getErrors()) {
                g.writeStartObject();
                g.writeStringField("code", error.getCode());
                g.writeStringField("message", error.getMessage());
                g.writeStringField("param", error.getParam());
                if (error.getLine() == null) {
                    g.writeNullField("line");
                } else {
                    g.writeNumberField("line", error.getLine());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeStringField("input_file_id", b.getInputFileId() == null ? "" : b.getInputFileId());
        g.writeStringField("completion_window", b.getCompletionWindow());
        g.writeStringField("status", b.getStatus().name().toLowerCase(Locale.ROOT));
        g.writeStringField("output_file_id", b.getOutputFileId());
        g.writeStringField("error_file_id", b.getErrorFileId());
        g.writeNumberField("created_at", b.getCreatedAt().getEpochSecond());
        time(g, "in_progress_at", b.getInProgressAt());
        time(g, "expires_at", b.getExpiresAt());
        time(g, "finalizing_at", b.getFinalizingAt());
        time(g, "completed_at", b.getCompletedAt());
        time(g, "failed_at", b.getFailedAt());
        time(g, "expired_at", b.getExpiredAt());
        time(g, "cancelling_at", b.getCancellingAt());
        time(g, "cancelled_at", b.getCancelledAt());
        g.writeObjectFieldStart("request_counts");
        g.writeNumberField("total", b.getTotal());
        g.writeNumberField("completed", b.getCompleted());
        g.writeNumberField("failed", b.getFailed());
        g.writeEndObject();
        g.writeObjectFieldStart("metadata");
        for (Map.Entry<String, String> entry : b.getMetadata().entrySet()) {
            g.writeStringField(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String name, Instant at) throws IOException {
        if (at == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, at.getEpochSecond());
        }
    }
}
