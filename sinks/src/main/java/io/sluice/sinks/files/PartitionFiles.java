package io.sluice.sinks.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open files of one partition, one per UTC hour its records fell in since the last roll.
 *
 * <p>They are always finished together, as one {@link Segment} named by the offset range it
 * covers: records of one partition arrive in offset order but their timestamps may go back and
 * forth across an hour boundary, so the files of two hours interleave in offsets, and only a
 * range that every file of the partition has closed is one that a restart may skip.
 */
final class PartitionFiles {
    private static final Logger log = LoggerFactory.getLogger(PartitionFiles.class);
    private final TopicPartition partition;
    private final FileLayout layout;
    private final FileSinkConfig config;
    private final SortedMap<Long, HourFile> open = new TreeMap<>();
    private long first = -1;
    private long last = -1;

    PartitionFiles(TopicPartition partition, FileLayout layout, FileSinkConfig config) {
        this.partition = partition;
        this.layout = layout;
        this.config = config;
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    /** True if a record with this timestamp needs a file for another hour while the most allowed are open. */
    boolean needsRollBefore(long timestamp) {
        return !open.containsKey(FileLayout.hourOf(timestamp)) && open.size() >= config.maxOpenHours();
    }

    /**
     * Appends one JSON line to the file of the record's hour, creating it if need be.
     *
     * @return true if that file has reached the size at which the partition rolls
     */
    boolean append(long offset, long timestamp, byte[] line, long nowMillis) throws IOException {
        if (open.isEmpty()) {
            first = offset;
        }
        long hour = FileLayout.hourOf(timestamp);
        HourFile file = open.get(hour);
        if (file == null) {
            file = HourFile.create(layout.hourDir(partition.topic(), hour).resolve(FileLayout.tempName(partition, first)));
            open.put(hour, file);
        }
        file.write(line, nowMillis);
        last = offset;
        return file.bytes() >= config.maxFileBytes();
    }

    /**
     * True once a file's hour is over and nothing was written to it for the grace period: late
     * records of that hour are unlikely now, and holding the partition's files open longer only
     * delays them for readers.
     */
    boolean due(long nowMillis) {
        for (var e : open.entrySet()) {
            boolean hourOver = nowMillis >= e.getKey() + FileLayout.HOUR_MILLIS;
            if (hourOver && nowMillis - e.getValue().lastWriteMillis() >= config.grace().toMillis()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finishes every open file and makes their names durable, then starts afresh: the first half
     * of a roll. Nothing is visible to readers until the segment is published.
     */
    Segment prepare() throws IOException {
        List<Path> temps = new ArrayList<>(open.size());
        List<Path> dirs = new ArrayList<>(open.size());
        int records = 0;
        for (HourFile file : open.values()) {
            file.finish();
            temps.add(file.temp());
            dirs.add(file.temp().getParent());
            records += file.records();
        }
        for (Path dir : layout.directoriesToSync(dirs)) {
            FileLayout.syncDirectory(dir);
        }
        var segment = new Segment(partition, first, last, temps, records);
        open.clear();
        first = -1;
        last = -1;
        return segment;
    }

    /** Closes every open file unfinished and leaves it on disk, after a failure. */
    void release() {
        for (HourFile file : open.values()) {
            try {
                file.release();
            } catch (IOException e) {
                log.debug("closing an unfinished file failed file={} error={}", file.temp(), e.toString());
            }
        }
        open.clear();
    }

    /** Closes and deletes every open file, for a partition this sink no longer owns. */
    void abandon() throws IOException {
        IOException failure = null;
        for (HourFile file : open.values()) {
            try {
                file.discard();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        first = -1;
        last = -1;
        if (failure != null) {
            throw failure;
        }
    }
}
