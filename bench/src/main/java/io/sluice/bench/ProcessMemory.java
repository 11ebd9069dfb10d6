package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resident memory of a process from {@code /proc/<pid>/status}: VmRSS now and VmHWM (peak), in KiB. */
record ProcessMemory(long rssKib, long peakRssKib) {

    ProcessMemory {
        if (rssKib < 0 || peakRssKib < 0) {
            throw new IllegalArgumentException("memory must not be negative");
        }
    }

    /** Empty when the process is gone or /proc is not there (not Linux). */
    static Optional<ProcessMemory> of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | SecurityException unavailable) {
            return Optional.empty();
        }
    }

    static Optional<ProcessMemory> parse(String status) {
        long rss = -1;
        long peak = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                peak = kib(line);
            }
        }
        return rss < 0 ? Optional.empty() : Optional.of(new ProcessMemory(rss, Math.max(rss, peak)));
    }

    private static long kib(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        try {
            return Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
