package io.sluice.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phases of {@code --mode batch}: interactive completions at {@code --rate} through Sluice alone (after
 * {@code --warmup}, which warms the JVM), then, with a short warm-up of {@link #RUNNING_WARMUP}, the same while a batch of {@code --batch-lines} chat completions, submitted through the OpenAI Batch API
 * ({@code POST /v1/files}, {@code POST /v1/batches}), runs on the same provider. The batch's progress is
 * sampled every second, so that the report says how many of its lines ran inside the measured window
 * (a batch that finished during the warm-up measured nothing), and then it is awaited to its end.
 */
final class BatchPhases {
    private static final Pattern COMPLETED = Pattern.compile("\"completed\"\\s*:\\s*(\\d+)");
    private static final Pattern FAILED = Pattern.compile("\"failed\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration SAMPLE = Duration.ofSeconds(1);
    /** The second phase follows a warm one: a few seconds let the batch get going before it is measured. */
    static final Duration RUNNING_WARMUP = Duration.ofSeconds(5);

    private final Phases phases;
    private final int rate;
    private final int lines;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    BatchPhases(Phases phases, int rate, int lines, Duration timeout) {
        this.phases = Objects.requireNonNull(phases, "phases");
        this.rate = rate;
        this.lines = lines;
        this.timeout = timeout;
    }

    /** The batch's state at one moment, seconds after its submission. */
    record Sample(double seconds, String status, long completed, long failed) {}

    /** What the phases measured. */
    record Results(int rate, int lines, LoadResult alone, LoadResult withBatch, List<Sample> samples,
                   Duration measuredFrom, Duration measuredTo) {

        /** Lines the batch finished inside the measured window of the interactive phase. */
        long linesInWindow() {
            return doneAt(measuredTo.toMillis() / 1000.0) - doneAt(measuredFrom.toMillis() / 1000.0);
        }

        private long doneAt(double seconds) {
            long done = 0;
            for (Sample s : samples) {
                if (s.seconds() <= seconds) {
                    done = s.completed() + s.failed();
                }
            }
            return done;
        }

        Sample last() {
            return samples.get(samples.size() - 1);
        }

        void print(Report report) {
            report.table(List.of(alone, withBatch));
            report.line(String.format(Locale.ROOT,
                    "interactive at %d/s with a batch running: p50 %+.2f ms, p99 %+.2f ms against no batch",
                    rate, (withBatch.percentileMicros(50) - alone.percentileMicros(50)) / 1000.0,
                    (withBatch.percentileMicros(99) - alone.percentileMicros(99)) / 1000.0));
            report.lossAtRate(withBatch);
            Sample end = last();
            report.line(String.format(Locale.ROOT, "batch of %d lines: %s, %d completed, %d failed, %.1f s after submission"
                    + " (%.0f lines/s); %d lines ran inside the measured window", lines, end.status(), end.completed(),
                    end.failed(), end.seconds(), (end.completed() + end.failed()) / Math.max(0.001, end.seconds()),
                    linesInWindow()));
        }
    }

    Results measure(String baseUrl, String apiKey) throws IOException, InterruptedException {
        HttpTarget interactive = HttpTarget.jsonPost(baseUrl + "/v1/chat/completions", GatewayBench.REQUEST_BODY, apiKey);
        LoadResult alone = phases.fixedRate(interactive, "sluice   fixed " + rate + "/s, no batch", rate);

        phases.progress("submitting a batch of " + lines + " lines ...");
        String batchId = submit(baseUrl, apiKey);
        long submitted = System.nanoTime();
        List<Sample> samples = new ArrayList<>();
        Thread sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Sample s = sample(baseUrl, apiKey, batchId, submitted);
                    synchronized (samples) {
                        samples.add(s);
                    }
                    if (terminal(s.status())) {
                        return;
                    }
                    Thread.sleep(SAMPLE.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                phases.progress("batch status failed: " + e.getMessage());
            }
        }, "batch-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Duration from = Duration.ofNanos(System.nanoTime() - submitted).plus(RUNNING_WARMUP);
        LoadResult withBatch = phases.fixedRate(interactive, "sluice   fixed " + rate + "/s, batch running", rate,
                RUNNING_WARMUP);
        Duration to = Duration.ofNanos(System.nanoTime() - submitted);
        phases.progress("waiting for the batch to end (at most " + timeout.toSeconds() + " s) ...");
        sampler.join(timeout.toMillis());
        sampler.interrupt();
        sampler.join();
        synchronized (samples) {
            if (samples.isEmpty()) {
                throw new IOException("no status of batch " + batchId + " was read");
            }
            return new Results(rate, lines, alone, withBatch, List.copyOf(samples), from, to);
        }
    }

    private static boolean terminal(String status) {
        return switch (status) {
            case "completed", "failed", "expired", "cancelled" -> true;
            default -> false;
        };
    }

    /** Uploads the JSONL file and creates the batch; its id. */
    private String submit(String baseUrl, String apiKey) throws IOException, InterruptedException {
        StringBuilder jsonl = new StringBuilder(lines * 180);
        for (int i = 0; i < lines; i++) {
            jsonl.append("{\"custom_id\":\"line-").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"model\":\"").append(SluiceConfig.MODEL).append("\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Say pong ").append(i).append(".\"}],\"max_tokens\":16}}\n");
        }
        String boundary = "sluice-bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jsonl.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String file = send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/files"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), "upload the batch file");
        String fileId = first(ID, file, "file id");
        String batch = send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/batches"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input_file_id\":\"" + fileId
                        + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}")), "create the batch");
        return first(ID, batch, "batch id");
    }

    private Sample sample(String baseUrl, String apiKey, String batchId, long submitted)
            throws IOException, InterruptedException {
        String batch = send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/batches/" + batchId))
                .header("Authorization", "Bearer " + apiKey).GET(), "read the batch");
        double seconds = (System.nanoTime() - submitted) / 1e9;
        return new Sample(seconds, first(STATUS, batch, "status"), number(COMPLETED, batch), number(FAILED, batch));
    }

    private String send(HttpRequest.Builder request, String what) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("could not " + what + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String first(Pattern pattern, String body, String what) throws IOException {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IOException("no " + what + " in " + body);
        }
        return m.group(1);
    }

    private static long number(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
