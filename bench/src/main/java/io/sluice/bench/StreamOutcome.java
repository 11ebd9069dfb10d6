package io.sluice.bench;

/**
 * What one streamed response said, as its {@link SseReader} saw it.
 *
 * @param firstContentNanos when the first byte of the first event with non-empty {@code delta.content}
 *                          arrived ({@link System#nanoTime()}), or {@link #NO_CONTENT}
 * @param contentChunks     events with non-empty content
 * @param done              whether {@code data: [DONE]} came
 * @param errorEvent        whether an event had an {@code "error"} object (a failure after the head)
 */
record StreamOutcome(long firstContentNanos, int contentChunks, boolean done, boolean errorEvent) {

    static final long NO_CONTENT = Long.MIN_VALUE;

    StreamOutcome {
        if (contentChunks < 0) {
            throw new IllegalArgumentException("contentChunks must not be negative, was " + contentChunks);
        }
        if ((contentChunks == 0) != (firstContentNanos == NO_CONTENT)) {
            throw new IllegalArgumentException("a first content time goes with at least one content chunk");
        }
    }

    /** Ended with [DONE], without an error event, after some content: a stream that counts. */
    boolean complete() {
        return done && !errorEvent && contentChunks > 0;
    }
}
