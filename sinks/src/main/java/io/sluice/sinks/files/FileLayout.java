package io.sluice.sinks.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the sink's files live and what they are called:
 * {@code DIR/<topic>/dt=YYYY-MM-DD/hour=HH/<topic>-p<partition>-<first>-<last>.jsonl.gz}, the
 * {@code dt} and {@code hour} directories being Hive-style partitions of the UTC hour of the
 * records' Kafka timestamps, and {@code first}..{@code last} the range of partition offsets that
 * the set of files this one was finished with covers (zero-padded to 20 digits, so that names sort
 * by offset). A file being written is {@code .<topic>-p<partition>-<first>.jsonl.gz.tmp} in the
 * same directory: hidden, and not matching {@code *.jsonl.gz}, so that readers skip it.
 */
final class FileLayout {
    static final String SUFFIX = ".jsonl.gz";
    static final String TEMP_SUFFIX = ".tmp";
    static final long HOUR_MILLIS = 3_600_000L;

    private static final Pattern NAME = Pattern.compile(
            "(\\.?)(.+)-p(\\d+)-(\\d{20})(?:-(\\d{20}))?" + Pattern.quote(SUFFIX) + "((?:" + Pattern.quote(TEMP_SUFFIX) + ")?)");

    private final Path root;

    FileLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path topicDir(String topic) {
        return root.resolve(topic);
    }

    /** The directory of the hour that starts at {@code hourStart} (epoch millis, a whole UTC hour). */
    Path hourDir(String topic, long hourStart) {
        ZonedDateTime at = Instant.ofEpochMilli(hourStart).atZone(ZoneOffset.UTC);
        return topicDir(topic).resolve("dt=" + at.toLocalDate()).resolve(String.format("hour=%02d", at.getHour()));
    }

    /**
     * The directories whose entries must be on disk before a file under {@code hourDirs} can be
     * relied on: each hour directory and its parents up to the root, each once.
     */
    Set<Path> directoriesToSync(Collection<Path> hourDirs) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path dir : hourDirs) {
            for (Path d = dir; d != null && d.startsWith(root); d = d.getParent()) {
                dirs.add(d);
            }
        }
        return dirs;
    }

    /**
     * The UTC hour (its first millisecond) of a record timestamp. A record without one (negative)
     * falls in the first hour of 1970, so that it lands in the same place each time it is read.
     */
    static long hourOf(long timestamp) {
        return Math.floorDiv(Math.max(timestamp, 0L), HOUR_MILLIS) * HOUR_MILLIS;
    }

    static String tempName(TopicPartition partition, long first) {
        return "." + stem(partition, first) + SUFFIX + TEMP_SUFFIX;
    }

    static String finalName(TopicPartition partition, long first, long last) {
        return stem(partition, first) + "-" + padded(last) + SUFFIX;
    }

    private static String stem(TopicPartition partition, long first) {
        return partition.topic() + "-p" + partition.partition() + "-" + padded(first);
    }

    private static String padded(long offset) {
        return String.format("%020d", offset);
    }

    /**
     * A file name of this layout, parsed.
     *
     * @param last the last offset of a finished file's set; -1 for a temporary file
     */
    record Name(TopicPartition partition, long first, long last, boolean temp) {}

    /** The parsed name, or empty for anything that is not a finished or temporary file of this layout. */
    static Optional<Name> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean hidden = !m.group(1).isEmpty();
        boolean temp = !m.group(6).isEmpty();
        boolean hasLast = m.group(5) != null;
        if (hidden != temp || temp == hasLast) {
            return Optional.empty();
        }
        try {
            var partition = new TopicPartition(m.group(2), Integer.parseInt(m.group(3)));
            return Optional.of(new Name(partition, Long.parseLong(m.group(4)), hasLast ? Long.parseLong(m.group(5)) : -1,
                    temp));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Makes the entries of a directory (files created, renamed or deleted in it) durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
