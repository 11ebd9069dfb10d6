package io.sluice.sinks.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The files of one partition that were finished together, complete and on disk under their
 * temporary names, covering offsets {@code first..last}: published by renaming every one of them
 * (a crash half-way is completed by {@link Recovery}), or discarded so that the offsets are read
 * again.
 *
 * @param temps the temporary files, one per hour
 * @param records the JSON lines in them
 */
record Segment(TopicPartition partition, long first, long last, List<Path> temps, int records) {
    Segment {
        temps = List.copyOf(temps);
    }

    /** Renames every file to its final name, then makes the renames durable. */
    void publish() throws IOException {
        List<Path> dirs = new ArrayList<>(temps.size());
        String name = FileLayout.finalName(partition, first, last);
        for (Path temp : temps) {
            Files.move(temp, temp.resolveSibling(name), StandardCopyOption.ATOMIC_MOVE);
            dirs.add(temp.getParent());
        }
        for (Path dir : dirs) {
            FileLayout.syncDirectory(dir);
        }
    }

    void discard() throws IOException {
        for (Path temp : temps) {
            Files.deleteIfExists(temp);
        }
    }
}
