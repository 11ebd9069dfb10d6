package io.sluice.sinks.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads where each partition's finished files end, and puts the directory in order after a crash,
 * before the sink writes a partition it was given.
 *
 * <p>A partition's next offset is one past the highest {@code last} in its finished names; with no
 * finished file it starts from the beginning of the partition. Committed consumer offsets are never
 * consulted. A temporary file is either part of a segment that was half renamed when the process
 * died (a finished file with the same partition and first offset exists; every file of the segment
 * was complete on disk before the first rename) and gets its final name, or the remains of a
 * segment that was never published, whose offsets lie at or past the next offset and will be read
 * again: it is deleted. Files of partitions not asked about are left alone, since another instance
 * may own them.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {}

    /** What recovering some partitions found and did. */
    record Result(Map<TopicPartition, Long> nextOffsets, int completed, int deleted) {}

    static Result recover(FileLayout layout, Collection<TopicPartition> partitions) throws IOException {
        Map<String, Set<TopicPartition>> byTopic = new HashMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new LinkedHashSet<>()).add(tp));
        Map<TopicPartition, Long> next = new HashMap<>();
        int completed = 0;
        int deleted = 0;
        for (var e : byTopic.entrySet()) {
            Result r = recoverTopic(layout, e.getKey(), e.getValue());
            next.putAll(r.nextOffsets());
            completed += r.completed();
            deleted += r.deleted();
        }
        return new Result(next, completed, deleted);
    }

    private record Found(Path path, FileLayout.Name name) {}

    private static Result recoverTopic(FileLayout layout, String topic, Set<TopicPartition> partitions)
            throws IOException {
        List<Found> finished = new ArrayList<>();
        List<Found> temps = new ArrayList<>();
        for (Path file : files(layout.topicDir(topic))) {
            FileLayout.parse(file.getFileName().toString())
                    .filter(name -> partitions.contains(name.partition()))
                    .ifPresent(name -> (name.temp() ? temps : finished).add(new Found(file, name)));
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<TopicPartition, Map<Long, Long>> lastByFirst = new HashMap<>();
        for (Found f : finished) {
            next.merge(f.name().partition(), f.name().last() + 1, Math::max);
            lastByFirst.computeIfAbsent(f.name().partition(), tp -> new HashMap<>()).put(f.name().first(), f.name().last());
        }
        int completed = 0;
        int deleted = 0;
        Set<Path> touched = new LinkedHashSet<>();
        for (Found t : temps) {
            Long last = lastByFirst.getOrDefault(t.name().partition(), Map.of()).get(t.name().first());
            if (last != null) {
                Files.move(t.path(), t.path().resolveSibling(FileLayout.finalName(t.name().partition(), t.name().first(), last)),
                        StandardCopyOption.ATOMIC_MOVE);
                completed++;
                log.info("file sink completed a segment a crash left half renamed file={}", t.path());
            } else {
                Files.deleteIfExists(t.path());
                deleted++;
                log.info("file sink deleted an unfinished file, its records will be read again file={}", t.path());
            }
            touched.add(t.path().getParent());
        }
        for (Path dir : touched) {
            FileLayout.syncDirectory(dir);
        }
        return new Result(next, completed, deleted);
    }

    /** The files in the {@code dt=*}/{@code hour=*} directories of a topic. */
    private static List<Path> files(Path topicDir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(topicDir)) {
            return files;
        }
        for (Path day : children(topicDir)) {
            if (!Files.isDirectory(day) || !day.getFileName().toString().startsWith("dt=")) {
                continue;
            }
            for (Path hour : children(day)) {
                if (!Files.isDirectory(hour) || !hour.getFileName().toString().startsWith("hour=")) {
                    continue;
                }
                for (Path file : children(hour)) {
                    if (Files.isRegularFile(file)) {
                        files.add(file);
                    }
                }
            }
        }
        return files;
    }

    private static List<Path> children(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(out::add);
        }
        return out;
    }
}
