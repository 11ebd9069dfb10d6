package io.sluice.sinks.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FileLayoutTest {
    private static final TopicPartition AUDIT_3 = new TopicPartition("sluice.audit", 3);

    @Test
    void aRecordLandsInTheHiveDirectoriesOfItsUtcHour() {
        var layout = new FileLayout(Path.of("/data/sink"));
        long at = Instant.parse("2026-12-02T13:59:59.999Z").toEpochMilli();

        long hour = FileLayout.hourOf(at);

        assertThat(Instant.ofEpochMilli(hour)).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
        assertThat(layout.hourDir("sluice.audit", hour)).isEqualTo(Path.of("/data/sink/sluice.audit/dt=2026-12-02/hour=13"));
        assertThat(layout.hourDir("sluice.audit", FileLayout.hourOf(Instant.parse("2026-12-03T00:00:00Z").toEpochMilli())))
                .isEqualTo(Path.of("/data/sink/sluice.audit/dt=2026-12-03/hour=00"));
    }

    @Test
    void aRecordWithoutATimestampAlwaysLandsInTheFirstHourOf1970() {
        assertThat(FileLayout.hourOf(-1)).isZero();
        assertThat(FileLayout.hourOf(0)).isZero();
    }

    @Test
    void finishedNamesCarryThePartitionAndOffsetRangeAndSortByOffset() {
        String name = FileLayout.finalName(AUDIT_3, 1_234, 99_999);

        assertThat(name).isEqualTo("sluice.audit-p3-00000000000000001234-00000000000000099999.jsonl.gz");
        assertThat(FileLayout.parse(name)).contains(new FileLayout.Name(AUDIT_3, 1_234, 99_999, false));
        assertThat(FileLayout.finalName(AUDIT_3, 10, 19)).isGreaterThan(FileLayout.finalName(AUDIT_3, 9, 9));
    }

    @Test
    void temporaryNamesAreHiddenAndDoNotMatchTheReadersGlob() {
        String name = FileLayout.tempName(AUDIT_3, 1_234);

        assertThat(name).isEqualTo(".sluice.audit-p3-00000000000000001234.jsonl.gz.tmp");
        assertThat(name).startsWith(".").doesNotEndWith(FileLayout.SUFFIX);
        assertThat(FileLayout.parse(name)).contains(new FileLayout.Name(AUDIT_3, 1_234, -1, true));
    }

    @Test
    void topicNamesWithDashesAndDigitsParseBack() {
        var tp = new TopicPartition("acme-p7-x.audit", 12);

        assertThat(FileLayout.parse(FileLayout.finalName(tp, 5, 8))).contains(new FileLayout.Name(tp, 5, 8, false));
        assertThat(FileLayout.parse(FileLayout.tempName(tp, 5))).contains(new FileLayout.Name(tp, 5, -1, true));
    }

    @Test
    void otherFilesAreNotTheSinks() {
        assertThat(FileLayout.parse("notes.txt")).isEmpty();
        assertThat(FileLayout.parse("sluice.audit-p3-1234.jsonl.gz")).as("offset not padded").isEmpty();
        assertThat(FileLayout.parse("sluice.audit-p3-00000000000000001234.jsonl.gz")).as("finished without last").isEmpty();
        assertThat(FileLayout.parse(".sluice.audit-p3-00000000000000001234-00000000000000001240.jsonl.gz.tmp"))
                .as("temporary with last").isEmpty();
        assertThat(FileLayout.parse("sluice.audit-p3-00000000000000001234.jsonl.gz.tmp")).as("temporary not hidden")
                .isEmpty();
        assertThat(FileLayout.parse("sluice.audit-p99999999999-00000000000000000001-00000000000000000002.jsonl.gz"))
                .as("partition out of range").isEmpty();
    }

    @Test
    void theDirectoriesToSyncReachUpToTheRootOnce() {
        var layout = new FileLayout(Path.of("/data/sink"));
        Path h13 = Path.of("/data/sink/t/dt=2026-12-02/hour=13");
        Path h14 = Path.of("/data/sink/t/dt=2026-12-02/hour=14");

        assertThat(layout.directoriesToSync(List.of(h13, h14))).containsExactly(h13, Path.of("/data/sink/t/dt=2026-12-02"),
                Path.of("/data/sink/t"), Path.of("/data/sink"), h14);
    }
}
