package io.sluice.ingress;

/**
 * What the OpenAI Batch API of the ingress accepts.
 *
 * @param maxFileBytes the largest batch input file ({@code POST /v1/files}); larger uploads are 413
 * @param maxLines     the most requests (non-blank lines) in one input file
 * @param chunkBytes   the size of the chunks files are stored in on the {@code files} topic
 */
public record BatchLimits(int maxFileBytes, int maxLines, int chunkBytes) {
    public static final int DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
    public static final int DEFAULT_MAX_LINES = 50_000;
    public static final int DEFAULT_CHUNK_BYTES = 256 * 1024;

    public BatchLimits {
        if (maxFileBytes < 1 || maxLines < 1) {
            throw new IllegalArgumentException("batch.max-file-bytes and batch.max-lines must be positive");
        }
        if (chunkBytes < 1024 || chunkBytes > 900 * 1024) {
            throw new IllegalArgumentException("batch.chunk-bytes must be 1 KiB..900 KiB, was " + chunkBytes);
        }
    }

    /** OpenAI's limits: 50,000 requests; files up to 100 MiB here (OpenAI: 200 MB); 256 KiB chunks. */
    public static BatchLimits defaults() {
        return new BatchLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_LINES, DEFAULT_CHUNK_BYTES);
    }
}
