package io.sluice.bench;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What a streamed phase measures beyond {@link LoadResult}, over the streams that counted (ended with
 * {@code [DONE]}, no error event, some content).
 *
 * @param ttftMicros    time to first token: from the (intended) send time to the first byte of the first
 *                      event with content, in microseconds
 * @param broken        2xx responses that ended without {@code [DONE]}, with an error event, or without
 *                      content (LOST streams, with the requests that got no response)
 * @param contentChunks content chunks received in the streams that counted
 * @param minChunks     the fewest content chunks in one of them (0 when none counted)
 * @param maxChunks     the most
 */
public record StreamFigures(Histogram ttftMicros, long broken, long contentChunks, long minChunks, long maxChunks) {

    public StreamFigures {
        Objects.requireNonNull(ttftMicros, "ttftMicros");
        if (broken < 0 || contentChunks < 0 || minChunks < 0 || maxChunks < minChunks) {
            throw new IllegalArgumentException("counts must not be negative, and min <= max");
        }
    }

    /** The time to first token at {@code percentile} (0..100) in microseconds; 0 when no stream counted. */
    public long ttftPercentileMicros(double percentile) {
        return ttftMicros.getTotalCount() == 0 ? 0 : ttftMicros.getValueAtPercentile(percentile);
    }

    /** Mean content chunks per stream that counted; 0 when none did. */
    public double meanChunks() {
        long streams = ttftMicros.getTotalCount();
        return streams == 0 ? 0 : (double) contentChunks / streams;
    }
}
