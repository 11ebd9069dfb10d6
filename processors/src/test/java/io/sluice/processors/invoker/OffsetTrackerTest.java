package io.sluice.processors.invoker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void nothingTrackedMeansNothingToCommit() {
        assertThat(tracker.committable()).isEmpty();
        assertThat(tracker.toCommit()).isEmpty();
    }

    @Test
    void inOrderCompletionCommitsPastTheLastRecord() {
        tracker.track(0);
        tracker.track(1);

        tracker.finish(0);
        assertThat(tracker.committable()).hasValue(1);
        tracker.finish(1);
        assertThat(tracker.committable()).hasValue(2);
    }

    @Test
    void outOfOrderCompletionWaitsForTheEarliestUnfinished() {
        tracker.track(10);
        tracker.track(11);
        tracker.track(12);

        tracker.finish(12);
        tracker.finish(11);
        assertThat(tracker.committable()).as("10 is still in flight").hasValue(10);

        tracker.finish(10);
        assertThat(tracker.committable()).hasValue(13);
    }

    @Test
    void gapsInOffsetsAreSkipped() {
        // offsets 6 and 7 were transaction markers or compacted away
        tracker.track(5);
        tracker.track(8);

        tracker.finish(5);
        assertThat(tracker.committable()).hasValue(8);
        tracker.finish(8);
        assertThat(tracker.committable()).hasValue(9);
    }

    @Test
    void theStartingPositionIsNotWorthACommit() {
        tracker.track(40);
        tracker.track(41);

        tracker.finish(41);

        assertThat(tracker.committable()).hasValue(40);
        assertThat(tracker.toCommit()).isEmpty();
    }

    @Test
    void toCommitOnlyReportsProgressSinceTheLastCommit() {
        tracker.track(0);
        tracker.finish(0);
        assertThat(tracker.toCommit()).hasValue(1);

        tracker.committing(1);
        assertThat(tracker.toCommit()).isEmpty();

        tracker.track(1);
        assertThat(tracker.toCommit()).as("1 is unfinished: committing 1 again is no progress").isEmpty();
        tracker.finish(1);
        assertThat(tracker.toCommit()).hasValue(2);
    }

    @Test
    void aFailedCommitIsSentAgain() {
        tracker.track(0);
        tracker.finish(0);
        tracker.committing(1);

        tracker.commitFailed(1);

        assertThat(tracker.toCommit()).hasValue(1);
    }

    @Test
    void aFailedOlderCommitDoesNotUndoANewerOne() {
        tracker.track(0);
        tracker.finish(0);
        tracker.committing(1);
        tracker.track(1);
        tracker.finish(1);
        tracker.committing(2);

        tracker.commitFailed(1);

        assertThat(tracker.toCommit()).isEqualTo(OptionalLong.empty());
    }

    @Test
    void offsetsMustMoveForward() {
        assertThat(tracker.track(4)).isTrue();

        assertThat(tracker.track(4)).isFalse();
        assertThat(tracker.track(3)).isFalse();
        assertThat(tracker.committable()).as("only the first 4 is tracked").hasValue(4);
    }

    @Test
    void finishingTwiceOrUnknownOffsetsChangesNothing() {
        tracker.track(0);
        tracker.track(1);

        assertThat(tracker.finish(1)).isTrue();
        assertThat(tracker.finish(1)).isFalse();
        assertThat(tracker.finish(7)).isFalse();
        assertThat(tracker.committable()).hasValue(0);
    }
}
