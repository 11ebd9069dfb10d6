package io.sluice.sinks.files;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the file sink writes and when it finishes a file.
 *
 * @param dir the root directory (local, or a mounted shared file system that several instances of
 *     one group write to together); it is the sink's only memory of what it has landed
 * @param groupId the consumer group: instances with the same group and directory share the
 *     partitions; its committed offsets only show the lag, the directory decides where reading starts
 * @param maxFileBytes JSON bytes (before compression) after which a partition's files are finished
 * @param maxOpenHours how many hours a partition may have files open for at once; a record of one
 *     more hour finishes them first
 * @param grace how long after a file's hour is over, with nothing written to it, its partition's
 *     files are finished: the time late records of an hour have to still join its file
 * @param pollTimeout how long one consumer poll waits for records
 */
public record FileSinkConfig(Path dir, String groupId, long maxFileBytes, int maxOpenHours, Duration grace,
        Duration pollTimeout) {

    public static final long DEFAULT_MAX_FILE_BYTES = 256L * 1024 * 1024;
    public static final int DEFAULT_MAX_OPEN_HOURS = 2;
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);

    public FileSinkConfig {
        if (dir == null) {
            throw new IllegalArgumentException("sink.files.dir is missing");
        }
        dir = dir.toAbsolutePath().normalize();
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("sink.files.group-id must not be blank");
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("sink.files.max-file-bytes must be positive, was " + maxFileBytes);
        }
        if (maxOpenHours < 1) {
            throw new IllegalArgumentException("sink.files.max-open-hours must be at least 1, was " + maxOpenHours);
        }
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("sink.files.grace must be a duration of zero or more, was " + grace);
        }
        if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("sink.files.poll-timeout must be a positive duration, was " + pollTimeout);
        }
    }

    /** The given directory and group with the default limits. */
    public static FileSinkConfig of(Path dir, String groupId) {
        return new FileSinkConfig(dir, groupId, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_OPEN_HOURS, DEFAULT_GRACE,
                DEFAULT_POLL_TIMEOUT);
    }
}
