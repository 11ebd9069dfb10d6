package io.sluice.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sluice as a child process ({@code java -Xmx<heap> -jar sluice.jar start --config FILE}) with its output
 * in a log file; stopped by its PID: destroy, then destroyForcibly after a timeout.
 */
final class SluiceProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int LOG_TAIL_LINES = 30;

    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SluiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static void requireJar(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("Sluice jar not found at " + jar + "; build it with "
                    + "`mvn -B -q -pl app -am package -DskipTests` or pass --sluice-jar");
        }
    }

    static SluiceProcess start(Path jar, Path config, Path log, String heap) throws IOException {
        requireJar(jar);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx" + heap, "-jar", jar.toString(),
                "start", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        return new SluiceProcess(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Polls {@code GET /health} until 200; fails early if the process exits, or after {@code timeout}. */
    void awaitHealthy(URI health, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Sluice exited with code " + process.exitValue() + " before it was ready; "
                        + "log " + log + " ends with:\n" + logTail());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
        throw new IOException("Sluice did not answer " + health + " with 200 within " + timeout.toSeconds() + " s; "
                + "log " + log + " ends with:\n" + logTail());
    }

    /**
     * One request before measuring, so that a wrong route or key fails loudly instead of as a table of 4xx;
     * a streamed one must end with {@code data: [DONE]}.
     */
    void smokeTest(HttpTarget target) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.url())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(target.body()));
        target.headers().forEach(builder::header);
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        if (response.statusCode() != 200) {
            throw new IOException("a first " + (target.streamed() ? "stream" : "completion") + " through Sluice answered "
                    + response.statusCode() + ": " + body.substring(0, Math.min(500, body.length())) + "\nlog " + log
                    + " ends with:\n" + logTail());
        }
        if (target.streamed() && !body.contains("data: [DONE]")) {
            throw new IOException("a first stream through Sluice did not end with data: [DONE]: "
                    + body.substring(Math.max(0, body.length() - 500)) + "\nlog " + log + " ends with:\n" + logTail());
        }
    }

    Optional<ProcessMemory> memory() {
        return ProcessMemory.of(process.pid());
    }

    /** SIGTERM, then SIGKILL if it has not exited within the stop timeout. Idempotent. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
