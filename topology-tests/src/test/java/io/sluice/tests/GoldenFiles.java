package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden copies of topology descriptions. A renamed operator, store or internal topic loses state
 * in production; a golden copy makes such a change visible in review. After an intended change,
 * run the test with {@code -Dsluice.golden.update=true} and commit the new file.
 */
public final class GoldenFiles {
    private GoldenFiles() {}

    /** Asserts that {@code actual} equals {@code src/test/resources/<name>} (rewriting it first when asked to). */
    public static void assertMatches(String name, String actual) throws IOException {
        Path golden = Path.of("src/test/resources", name);
        if (Boolean.getBoolean("sluice.golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
