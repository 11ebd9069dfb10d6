package io.sluice.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The API key of the embedded default's demo tenant: made once, kept in the data directory
 * (readable by its owner only) so that it survives restarts, and printed at start.
 */
final class DemoKey {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private DemoKey() {}

    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("demo-api-key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(dataDir);
            var random = new SecureRandom();
            var key = new StringBuilder("sk-sluice-");
            for (int i = 0; i < 40; i++) {
                key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            try {
                // created readable by its owner only, never for a moment by anyone else
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: the data directory's own permissions apply
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            return key.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write the demo key in " + dataDir, e);
        }
    }
}
