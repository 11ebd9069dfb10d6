package io.sluice.sinks.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionFilesTest {
    private static final TopicPartition TP = new TopicPartition("sluice.audit", 2);
    private static final long H13 = Instant.parse("2026-12-02T13:00:00Z").toEpochMilli();
    private static final long H14 = H13 + FileLayout.HOUR_MILLIS;
    private static final long MINUTE = 60_000L;

    @TempDir
    Path dir;

    private PartitionFiles files(long maxBytes, int maxOpenHours, Duration grace) {
        return new PartitionFiles(TP, new FileLayout(dir),
                new FileSinkConfig(dir, "g", maxBytes, maxOpenHours, grace, Duration.ofMillis(100)));
    }

    @Test
    void recordsInterleavedAcrossAnHourBoundaryArePublishedAsOneSegmentOfOneFilePerHour() throws IOException {
        // given records 100..104 whose timestamps go back and forth across 14:00
        PartitionFiles files = files(1 << 20, 2, Duration.ofMinutes(1));
        files.append(100, H14 - 2_000, line(100), H14);
        files.append(101, H14 + 1_000, line(101), H14);
        files.append(102, H14 - 1_000, line(102), H14);
        files.append(103, H14 + 2_000, line(103), H14);
        files.append(104, H14 + 3_000, line(104), H14);

        // when they are rolled
        Segment segment = files.prepare();

        // then nothing is visible before the segment is published
        assertThat(segment.first()).isEqualTo(100);
        assertThat(segment.last()).isEqualTo(104);
        assertThat(segment.records()).isEqualTo(5);
        assertThat(finished()).isEmpty();
        assertThat(temps()).hasSize(2);
        assertThat(files.isEmpty()).isTrue();

        // and once published each hour has one file named by the whole range, holding its own records in order
        segment.publish();
        String name = "sluice.audit-p2-00000000000000000100-00000000000000000104.jsonl.gz";
        Path h13 = dir.resolve("sluice.audit/dt=2026-12-02/hour=13").resolve(name);
        Path h14 = dir.resolve("sluice.audit/dt=2026-12-02/hour=14").resolve(name);
        assertThat(finished()).containsExactlyInAnyOrder(h13, h14);
        assertThat(temps()).isEmpty();
        assertThat(gunzip(h13)).containsExactly("{\"n\":100}", "{\"n\":102}");
        assertThat(gunzip(h14)).containsExactly("{\"n\":101}", "{\"n\":103}", "{\"n\":104}");
    }

    @Test
    void theNextSegmentStartsAtItsOwnFirstRecord() throws IOException {
        PartitionFiles files = files(1 << 20, 2, Duration.ofMinutes(1));
        files.append(7, H13, line(7), H13);
        files.prepare().publish();

        files.append(9, H13 + 5, line(9), H13);
        Segment second = files.prepare();

        assertThat(second.first()).isEqualTo(9);
        assertThat(second.last()).isEqualTo(9);
    }

    @Test
    void aFileReachingTheSizeLimitAsksForARoll() throws IOException {
        PartitionFiles files = files(16, 2, Duration.ofMinutes(1));

        assertThat(files.append(1, H13, line(1), H13)).as("7 + 1 bytes").isFalse();
        assertThat(files.append(2, H13, line(2), H13)).as("16 bytes").isTrue();
    }

    @Test
    void aRecordOfOneHourTooManyAsksForARollFirst() throws IOException {
        PartitionFiles files = files(1 << 20, 2, Duration.ofMinutes(1));
        files.append(1, H13, line(1), H13);
        assertThat(files.needsRollBefore(H14)).isFalse();
        files.append(2, H14, line(2), H14);

        assertThat(files.needsRollBefore(H14 + FileLayout.HOUR_MILLIS)).isTrue();
        assertThat(files.needsRollBefore(H13 + 5)).as("an hour already open").isFalse();
    }

    @Test
    void filesAreDueOnceTheirHourIsOverAndQuietForTheGracePeriod() throws IOException {
        PartitionFiles files = files(1 << 20, 2, Duration.ofMinutes(2));
        assertThat(files.due(H14 + 10 * MINUTE)).as("nothing open").isFalse();
        files.append(1, H13 + 50 * MINUTE, line(1), H13 + 50 * MINUTE);
        files.append(2, H13 + 59 * MINUTE, line(2), H14 + MINUTE);

        assertThat(files.due(H14 - 1)).as("hour not over").isFalse();
        assertThat(files.due(H14 + 2 * MINUTE)).as("a late record came a minute after the hour").isFalse();
        assertThat(files.due(H14 + 3 * MINUTE)).isTrue();
    }

    @Test
    void abandonedFilesAreDeleted() throws IOException {
        PartitionFiles files = files(1 << 20, 2, Duration.ofMinutes(1));
        files.append(1, H13, line(1), H13);
        files.append(2, H14, line(2), H14);
        assertThat(temps()).hasSize(2);

        files.abandon();

        assertThat(temps()).isEmpty();
        assertThat(files.isEmpty()).isTrue();
    }

    @Test
    void aDiscardedSegmentLeavesNothing() throws IOException {
        PartitionFiles files = files(1 << 20, 2, Duration.ofMinutes(1));
        files.append(1, H13, line(1), H13);

        files.prepare().discard();

        assertThat(temps()).isEmpty();
        assertThat(finished()).isEmpty();
    }

    private static byte[] line(int n) {
        return ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    }

    private List<Path> finished() throws IOException {
        return walk().filter(p -> p.getFileName().toString().endsWith(FileLayout.SUFFIX)).toList();
    }

    private List<Path> temps() throws IOException {
        return walk().filter(p -> p.getFileName().toString().endsWith(FileLayout.TEMP_SUFFIX)).toList();
    }

    private Stream<Path> walk() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).toList().stream();
        }
    }

    static List<String> gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
