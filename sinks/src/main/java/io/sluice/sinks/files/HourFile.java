package io.sluice.sinks.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * One gzip file of JSON lines under its temporary name, for one partition and one hour. Nothing in
 * it counts until {@link #finish()} has forced it to disk and the set it belongs to is renamed.
 */
final class HourFile {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path temp;
    private final FileChannel channel;
    private final GZIPOutputStream gzip;
    private final OutputStream out;
    private long bytes;
    private int records;
    private long lastWriteMillis;

    private HourFile(Path temp, FileChannel channel) throws IOException {
        this.temp = temp;
        this.channel = channel;
        this.gzip = new GZIPOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        this.out = new BufferedOutputStream(gzip, BUFFER_BYTES);
    }

    /** Creates the file (and its directories); a leftover of the same name is garbage and is replaced. */
    static HourFile create(Path temp) throws IOException {
        Files.createDirectories(temp.getParent());
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            return new HourFile(temp, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    void write(byte[] line, long nowMillis) throws IOException {
        out.write(line);
        out.write('\n');
        bytes += line.length + 1L;
        records++;
        lastWriteMillis = nowMillis;
    }

    /** Writes the gzip trailer, forces the content to disk and closes the file. */
    void finish() throws IOException {
        out.flush();
        gzip.finish();
        channel.force(true);
        out.close();
    }

    /** Closes and deletes the file: its records will be read again. */
    void discard() throws IOException {
        try {
            out.close();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Closes the file as it is, without finishing it: what a crash would leave for {@link Recovery}. */
    void release() throws IOException {
        channel.close();
    }

    Path temp() {
        return temp;
    }

    /** JSON bytes written, before compression. */
    long bytes() {
        return bytes;
    }

    int records() {
        return records;
    }

    long lastWriteMillis() {
        return lastWriteMillis;
    }
}
