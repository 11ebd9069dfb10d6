package io.sluice.processors.batch;

import io.sluice.avro.BatchError;
import io.sluice.avro.BatchState;
import io.sluice.avro.BatchStatus;
import io.sluice.schemas.BatchIds;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The output and error files of one finishing batch, written through the coordinator's sinks:
 * chunks to {@code files}, then each file's metadata to {@code files.meta}. A file with no line is
 * not written, and its id stays null on the batch (as OpenAI leaves {@code output_file_id} null).
 */
final class ResultFiles {
    private final ProcessorContext<String, Object> context;
    private final long now;
    private final FileWriter output;
    private final FileWriter errors;

    ResultFiles(BatchState batch, Instant now, int chunkBytes, ProcessorContext<String, Object> context) {
        this.context = context;
        this.now = now.toEpochMilli();
        String batchId = batch.getBatchId();
        this.output = new FileWriter(BatchIds.outputFileId(batchId), batch.getTenantId(), batch.getAppId(),
                batchId + "_output.jsonl", this.now, chunkBytes, this::chunk);
        this.errors = new FileWriter(BatchIds.errorFileId(batchId), batch.getTenantId(), batch.getAppId(),
                batchId + "_error.jsonl", this.now, chunkBytes, this::chunk);
    }

    /** A recorded result: {@link BatchCoordinator#OUTPUT} or {@link BatchCoordinator#ERROR} and its line. */
    void result(String stored) {
        (stored.startsWith(BatchCoordinator.OUTPUT) ? output : errors).line(stored.substring(1));
    }

    /** A request sent and never answered before the batch ended {@code status}. */
    void notAnswered(String requestId, String customId, BatchStatus status) {
        String code = status == BatchStatus.EXPIRED ? "batch_expired" : "batch_cancelled";
        String message = status == BatchStatus.EXPIRED
                ? "This request could not be executed before the completion window expired."
                : "The batch was cancelled before this request was answered.";
        errors.line(ResultLines.notSent(requestId, customId.isEmpty() ? null : customId,
                new BatchError(code, message, null, null)));
    }

    /** Sends what is buffered and both files' metadata. */
    void close() {
        for (FileWriter file : new FileWriter[] {output, errors}) {
            if (!file.empty()) {
                var meta = file.close();
                context.forward(new Record<String, Object>(meta.getFileId(), meta, now),
                        BatchTopology.FILES_META_SINK);
            }
        }
    }

    String outputFileId() {
        return output.empty() ? null : output.fileId();
    }

    String errorFileId() {
        return errors.empty() ? null : errors.fileId();
    }

    private void chunk(String fileId, io.sluice.avro.FileChunk chunk) {
        context.forward(new Record<String, Object>(fileId, chunk, now), BatchTopology.FILES_SINK);
    }
}
