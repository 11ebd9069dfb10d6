package io.sluice.schemas;

/**
 * The deterministic names of a batch's parts, shared by the ingress (which builds a batch's
 * requests) and the batch coordinator (which sends them and writes the result files): the same
 * batch always gets the same ids, so a replay after a crash makes the same records.
 */
public final class BatchIds {
    /** {@code purpose} of an uploaded batch input file. */
    public static final String PURPOSE_INPUT = "batch";
    /** {@code purpose} of a batch's output and error files. */
    public static final String PURPOSE_OUTPUT = "batch_output";
    /** {@code source} of a batch created through the OpenAI Batch API. */
    public static final String SOURCE_API = "api";
    /** {@code source} of a batch made of requests an app produced with a batch id. */
    public static final String SOURCE_KAFKA = "kafka";

    private BatchIds() {}

    /** The request id of line {@code line} (from 1) of {@code batchId}. */
    public static String requestId(String batchId, int line) {
        return batchId + "-" + line;
    }

    /** The id of the output file of {@code batchId}. */
    public static String outputFileId(String batchId) {
        return "file-" + batchId + "-output";
    }

    /** The id of the error file of {@code batchId}. */
    public static String errorFileId(String batchId) {
        return "file-" + batchId + "-errors";
    }
}
