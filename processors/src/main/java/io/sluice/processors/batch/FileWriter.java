package io.sluice.processors.batch;

import io.sluice.avro.FileChunk;
import io.sluice.avro.FileRecord;
import io.sluice.schemas.BatchIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Writes one JSONL file to the {@code files} topic as it is given lines: a chunk each time
 * {@code chunkBytes} fill up, then its metadata record on {@link #close}. Chunks go out as they
 * fill, so a large output file never sits whole in memory. Lines are never split across chunks
 * unless one line alone is larger than a chunk.
 */
final class FileWriter {
    private final String fileId;
    private final String tenantId;
    private final String appId;
    private final String filename;
    private final long writtenAt;
    private final int chunkBytes;
    private final BiConsumer<String, FileChunk> chunks;
    private byte[] buffer;
    private int used;
    private int index;
    private long bytes;
    private int lines;

    /**
     * @param writtenAt the timestamp of every chunk record (readers seek to it)
     * @param chunks    receives each chunk, keyed by file id
     */
    FileWriter(String fileId, String tenantId, String appId, String filename, long writtenAt, int chunkBytes,
            BiConsumer<String, FileChunk> chunks) {
        this.fileId = fileId;
        this.tenantId = tenantId;
        this.appId = appId;
        this.filename = filename;
        this.writtenAt = writtenAt;
        this.chunkBytes = chunkBytes;
        this.chunks = chunks;
        this.buffer = new byte[chunkBytes];
    }

    void line(String json) {
        byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
        if (used > 0 && used + line.length > chunkBytes) {
            flush();
        }
        if (line.length > buffer.length - used) {
            buffer = Arrays.copyOf(buffer, used + line.length);
        }
        System.arraycopy(line, 0, buffer, used, line.length);
        used += line.length;
        bytes += line.length;
        lines++;
    }

    boolean empty() {
        return lines == 0;
    }

    String fileId() {
        return fileId;
    }

    /** Sends what is buffered and returns the file's metadata, for the {@code files.meta} topic. */
    FileRecord close() {
        if (used > 0) {
            flush();
        }
        return FileRecord.newBuilder()
                .setFileId(fileId)
                .setTenantId(tenantId)
                .setAppId(appId)
                .setPurpose(BatchIds.PURPOSE_OUTPUT)
                .setFilename(filename)
                .setBytes(bytes)
                .setLines(lines)
                .setChunks(index)
                .setCreatedAt(java.time.Instant.ofEpochMilli(writtenAt))
                .setWrittenAt(java.time.Instant.ofEpochMilli(writtenAt))
                .build();
    }

    private void flush() {
        chunks.accept(fileId, FileChunk.newBuilder()
                .setFileId(fileId)
                .setIndex(index++)
                .setData(ByteBuffer.wrap(Arrays.copyOf(buffer, used)))
                .build());
        used = 0;
        if (buffer.length > chunkBytes) {
            buffer = new byte[chunkBytes];
        }
    }
}
