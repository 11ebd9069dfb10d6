package io.sluice.processors.invoker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetsTest {
    private static final TopicPartition P0 = new TopicPartition("sluice.invocations", 0);
    private static final TopicPartition P1 = new TopicPartition("sluice.invocations", 1);

    private final Offsets offsets = new Offsets();

    @Test
    void commitsEachPartitionUpToItsFirstUnfinishedRecord() {
        offsets.assign(List.of(P0, P1));
        OffsetTracker p0 = offsets.track(P0, 0);
        offsets.track(P0, 1);
        OffsetTracker p1 = offsets.track(P1, 7);

        p0.finish(0);
        p1.finish(7);

        assertThat(offsets.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(8)));
        assertThat(offsets.toCommit()).as("nothing new").isEmpty();
    }

    @Test
    void aRevokedPartitionIsNoLongerCommittedAndLateFinishesCannotMoveItsSuccessor() {
        offsets.assign(List.of(P0));
        OffsetTracker before = offsets.track(P0, 0);
        offsets.track(P0, 1);

        offsets.remove(List.of(P0));
        before.finish(0);
        assertThat(offsets.toCommit()).isEmpty();

        // assigned again: the group's committed offset is 0, so records 0 and 1 come again
        offsets.assign(List.of(P0));
        OffsetTracker after = offsets.track(P0, 0);
        offsets.track(P0, 1);
        before.finish(1);
        after.finish(1);
        assertThat(offsets.toCommit()).as("the old tracker's finishes do not count").isEmpty();
        after.finish(0);
        assertThat(offsets.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void aFailedCommitIsRetried() {
        offsets.assign(List.of(P0));
        offsets.track(P0, 0).finish(0);
        Map<TopicPartition, OffsetAndMetadata> first = offsets.toCommit();

        offsets.commitFailed(first);

        assertThat(offsets.toCommit()).isEqualTo(first);
    }

    @Test
    void aPositionThatMovesBackStartsAFreshTracker() {
        offsets.assign(List.of(P0));
        OffsetTracker old = offsets.track(P0, 5);

        OffsetTracker fresh = offsets.track(P0, 3);

        assertThat(fresh).isNotSameAs(old);
        fresh.finish(3);
        assertThat(offsets.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(4)));
    }
}
