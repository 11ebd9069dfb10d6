package io.sluice.processors.invoker;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The offsets of one partition that are being worked on. Records are tracked in the order the
 * consumer delivers them (increasing, possibly with gaps) and finish in any order; the committable
 * offset is the lowest unfinished one, or one past the last tracked when all are finished, so a
 * commit never skips a record that is not finished. Used by the poll thread only.
 */
final class OffsetTracker {
    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long highest = -1;
    private long committed = -1;

    /** Starts tracking a delivered record; false if the offset is not after the last tracked one. */
    boolean track(long offset) {
        if (offset <= highest) {
            return false;
        }
        if (highest < 0) {
            committed = offset; // where consumption started: committing it again is no progress
        }
        unfinished.add(offset);
        highest = offset;
        return true;
    }

    /** Marks a record finished; false if it was not being tracked (or finished already). */
    boolean finish(long offset) {
        return unfinished.remove(offset);
    }

    /** The offset a commit may carry now (the next record to read), if anything was tracked. */
    OptionalLong committable() {
        if (highest < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(unfinished.isEmpty() ? highest + 1 : unfinished.first());
    }

    /** The committable offset if it moved past the last one handed to a commit. */
    OptionalLong toCommit() {
        OptionalLong offset = committable();
        return offset.isPresent() && offset.getAsLong() > committed ? offset : OptionalLong.empty();
    }

    /** Notes that a commit of this offset was sent. */
    void committing(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Notes that a commit failed, so the current committable offset is sent again. */
    void commitFailed(long offset) {
        if (committed == offset) {
            committed = -1;
        }
    }
}
