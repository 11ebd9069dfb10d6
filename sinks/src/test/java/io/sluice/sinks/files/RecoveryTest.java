package io.sluice.sinks.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    private static final TopicPartition P0 = new TopicPartition("sluice.audit", 0);
    private static final TopicPartition P1 = new TopicPartition("sluice.audit", 1);
    private static final TopicPartition COSTS_0 = new TopicPartition("sluice.costs", 0);
    private static final long H13 = Instant.parse("2026-12-02T13:00:00Z").toEpochMilli();
    private static final long H14 = H13 + FileLayout.HOUR_MILLIS;

    @TempDir
    Path dir;

    private FileLayout layout;

    @BeforeEach
    void layout() {
        layout = new FileLayout(dir);
    }

    @Test
    void aPartitionWithoutFinishedFilesHasNoPositionAndAnEmptyDirectoryIsFine() throws IOException {
        Recovery.Result result = Recovery.recover(layout, List.of(P0, COSTS_0));

        assertThat(result.nextOffsets()).isEmpty();
        assertThat(result.completed()).isZero();
        assertThat(result.deleted()).isZero();
    }

    @Test
    void readingResumesOnePastTheHighestFinishedOffsetOfEachPartition() throws IOException {
        // given segments 0..9 and 10..24 of p0 (the second over two hours) and 0..4 of p1
        publish(P0, 0, 9, H13);
        publish(P0, 10, 24, H13, H14);
        publish(P1, 0, 4, H14);

        Recovery.Result result = Recovery.recover(layout, List.of(P0, P1, COSTS_0));

        assertThat(result.nextOffsets()).isEqualTo(Map.of(P0, 25L, P1, 5L));
    }

    @Test
    void aSegmentACrashLeftHalfRenamedIsCompleted() throws IOException {
        // given segment 10..24 of p0 whose hour-13 file was renamed and whose hour-14 file was not
        publish(P0, 0, 9, H13);
        segment(P0, 10, 24, H13, H14);
        Path h13Temp = temp(P0, 10, H13);
        Files.move(h13Temp, h13Temp.resolveSibling(FileLayout.finalName(P0, 10, 24)));

        // when the partition is recovered
        Recovery.Result result = Recovery.recover(layout, List.of(P0));

        // then the hour-14 file gets its final name with its content, and reading resumes after the segment
        assertThat(result.completed()).isEqualTo(1);
        assertThat(result.nextOffsets()).isEqualTo(Map.of(P0, 25L));
        Path h14 = layout.hourDir(P0.topic(), H14).resolve(FileLayout.finalName(P0, 10, 24));
        assertThat(PartitionFilesTest.gunzip(h14)).containsExactly("{\"o\":11}", "{\"o\":24}");
        assertThat(temps()).isEmpty();
    }

    @Test
    void unfinishedFilesAreDeletedSoThatTheirRecordsAreReadAgain() throws IOException {
        // given a finished segment 0..9, then a crash while 10.. was being written (one file partly
        // written, one finished but never renamed because its sibling was not)
        publish(P0, 0, 9, H13);
        segment(P0, 10, 24, H13, H14);
        Files.write(temp(P0, 10, H13), "garbage, not even gzip".getBytes(StandardCharsets.UTF_8));

        Recovery.Result result = Recovery.recover(layout, List.of(P0));

        assertThat(result.deleted()).isEqualTo(2);
        assertThat(result.nextOffsets()).isEqualTo(Map.of(P0, 10L));
        assertThat(temps()).isEmpty();
        assertThat(finishedNames()).containsExactly(FileLayout.finalName(P0, 0, 9));
    }

    @Test
    void filesOfPartitionsNotAskedAboutAndForeignFilesAreLeftAlone() throws IOException {
        segment(P1, 0, 3, H13);
        Path notes = Files.writeString(layout.hourDir(P0.topic(), H13).resolve("README.txt"), "hands off");

        Recovery.recover(layout, List.of(P0));

        assertThat(temps()).containsExactly(temp(P1, 0, H13));
        assertThat(notes).exists();
    }

    /**
     * Writes a segment of one record per hour from {@code first} on, and {@code last} in the last
     * hour, and leaves it prepared, not published.
     */
    private Segment segment(TopicPartition tp, long first, long last, long... hours) throws IOException {
        var files = new PartitionFiles(tp, layout, new FileSinkConfig(dir, "g", 1 << 20, hours.length,
                Duration.ofMinutes(1), Duration.ofMillis(100)));
        for (int i = 0; i < hours.length; i++) {
            append(files, first + i, hours[i]);
        }
        if (last > first + hours.length - 1) {
            append(files, last, hours[hours.length - 1]);
        }
        return files.prepare();
    }

    private static void append(PartitionFiles files, long offset, long hour) throws IOException {
        files.append(offset, hour, ("{\"o\":" + offset + "}").getBytes(StandardCharsets.UTF_8), hour);
    }

    private void publish(TopicPartition tp, long first, long last, long... hours) throws IOException {
        segment(tp, first, last, hours).publish();
    }

    private Path temp(TopicPartition tp, long first, long hour) {
        return layout.hourDir(tp.topic(), hour).resolve(FileLayout.tempName(tp, first));
    }

    private List<Path> temps() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(FileLayout.TEMP_SUFFIX)).toList();
        }
    }

    private List<String> finishedNames() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(FileLayout.SUFFIX)).toList();
        }
    }
}
