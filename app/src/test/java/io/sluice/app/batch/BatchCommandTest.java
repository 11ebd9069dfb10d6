package io.sluice.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.app.SluiceCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sluice batch} against a loopback stub of the OpenAI Batch API that checks what the CLI
 * sends (multipart upload, JSON bodies, bearer key) and serves canned batch states.
 */
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-acme-batch-0123456789";
    private static final String LINES = """
            {"custom_id": "r1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "mock-echo", "messages": [{"role": "user", "content": "hi"}]}}
            {"custom_id": "r2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "mock-echo", "messages": [{"role": "user", "content": "ho"}]}}
            """;

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, String> contentTypes = new ConcurrentHashMap<>();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile boolean withErrors = true;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String call = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        calls.add(call);
        bodies.put(call, exchange.getRequestBody().readAllBytes());
        contentTypes.put(call, String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
        if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"error\":{\"message\":\"invalid api key\",\"type\":\"authentication_error\","
                    + "\"code\":\"invalid_api_key\",\"param\":null}}");
            return;
        }
        switch (call) {
            case "POST /v1/files" -> reply(exchange, 200, "{\"id\":\"file-in\",\"object\":\"file\",\"purpose\":\"batch\","
                    + "\"bytes\":" + LINES.length() + ",\"filename\":\"requests.jsonl\"}");
            case "POST /v1/batches" -> reply(exchange, 200, batch("validating", 0, 0, 0, null));
            case "GET /v1/batches/batch_1" -> {
                int poll = polls.incrementAndGet();
                reply(exchange, 200, poll == 1 ? batch("in_progress", 2, 1, 0, null) : batch("completed", 2, 1, 1, "x"));
            }
            case "GET /v1/files/file-out/content" -> reply(exchange, 200, "{\"custom_id\":\"r1\"}\n");
            case "GET /v1/files/file-err/content" -> reply(exchange, 200, "{\"custom_id\":\"r2\"}\n");
            case "POST /v1/batches/batch_1/cancel" -> reply(exchange, 200, batch("cancelling", 2, 1, 0, null));
            case "GET /v1/batches?limit=5" -> reply(exchange, 200, "{\"object\":\"list\",\"data\":["
                    + batch("completed", 2, 1, 1, "x") + "],\"has_more\":false}");
            default -> reply(exchange, 404, "{\"error\":{\"message\":\"no batch batch_9\",\"type\":"
                    + "\"invalid_request_error\",\"code\":\"not_found\",\"param\":null}}");
        }
    }

    private String batch(String status, int total, int completed, int failed, String output) {
        return "{\"id\":\"batch_1\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\",\"errors\":null,"
                + "\"input_file_id\":\"file-in\",\"completion_window\":\"24h\",\"status\":\"" + status + "\","
                + "\"output_file_id\":" + (output == null ? "null" : "\"file-out\"") + ","
                + "\"error_file_id\":" + (output == null || !withErrors ? "null" : "\"file-err\"") + ","
                + "\"created_at\":1735800000,\"in_progress_at\":null,\"expires_at\":1735886400,"
                + "\"request_counts\":{\"total\":" + total + ",\"completed\":" + completed + ",\"failed\":" + failed
                + "},\"metadata\":null}";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void submitUploadsCreatesFollowsWithAProgressBarAndWritesTheResults() throws Exception {
        Path input = dir.resolve("requests.jsonl");
        Files.writeString(input, LINES);
        var out = new StringWriter();
        var err = new StringWriter();

        int exit = run(out, err, "batch", "submit", input.toString(), "--wait", "--poll-interval", "10ms");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("batch_1");
        assertThat(calls).startsWith("POST /v1/files", "POST /v1/batches", "GET /v1/batches/batch_1",
                "GET /v1/batches/batch_1").contains("GET /v1/files/file-out/content", "GET /v1/files/file-err/content");

        String contentType = contentTypes.get("POST /v1/files");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        String upload = new String(bodies.get("POST /v1/files"), StandardCharsets.UTF_8);
        assertThat(upload).startsWith("--" + boundary + "\r\n").endsWith("\r\n--" + boundary + "--\r\n")
                .contains("Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n")
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"requests.jsonl\"\r\n")
                .contains("\r\n\r\n" + LINES + "\r\n--" + boundary + "--");

        assertThat(contentTypes.get("POST /v1/batches")).isEqualTo("application/json");
        JsonNode created = JSON.readTree(bodies.get("POST /v1/batches"));
        assertThat(created.get("input_file_id").asText()).isEqualTo("file-in");
        assertThat(created.get("endpoint").asText()).isEqualTo("/v1/chat/completions");
        assertThat(created.get("completion_window").asText()).isEqualTo("24h");

        assertThat(err.toString()).contains("[###############---------------]  50% 1/2 in_progress")
                .contains("[##############################] 100% 2/2 completed");
        assertThat(Files.readString(dir.resolve("requests.output.jsonl"))).isEqualTo("{\"custom_id\":\"r1\"}\n");
        assertThat(Files.readString(dir.resolve("requests.output.errors.jsonl"))).isEqualTo("{\"custom_id\":\"r2\"}\n");
    }

    @Test
    void submitWithoutWaitPrintsTheIdAndAnOutputPathIsHonoured() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, LINES);
        withErrors = false;

        assertThat(run(new StringWriter(), new StringWriter(), "batch", "submit", input.toString(),
                "--completion-window", "48h")).isZero();
        assertThat(JSON.readTree(bodies.get("POST /v1/batches")).get("completion_window").asText()).isEqualTo("48h");
        assertThat(calls).containsExactly("POST /v1/files", "POST /v1/batches");

        Path output = dir.resolve("results.jsonl");
        assertThat(run(new StringWriter(), new StringWriter(), "batch", "submit", input.toString(), "--wait",
                "--poll-interval", "10ms", "--output", output.toString())).isZero();
        assertThat(Files.readString(output)).isEqualTo("{\"custom_id\":\"r1\"}\n");
        assertThat(dir.resolve("results.errors.jsonl")).doesNotExist();
    }

    @Test
    void statusCancelAndList() {
        var out = new StringWriter();
        assertThat(run(out, new StringWriter(), "batch", "status", "batch_1")).isZero();
        assertThat(out.toString()).contains("\"status\" : \"in_progress\"");

        out = new StringWriter();
        assertThat(run(out, new StringWriter(), "batch", "cancel", "batch_1")).isZero();
        assertThat(calls).contains("POST /v1/batches/batch_1/cancel");
        assertThat(out.toString()).contains("\"status\" : \"cancelling\"");

        out = new StringWriter();
        assertThat(run(out, new StringWriter(), "batch", "list", "--limit", "5")).isZero();
        assertThat(out.toString().strip()).isEqualTo("batch_1  completed  2/2  created_at=1735800000");
    }

    @Test
    void refusalsShowTheApiErrorAndExitOne() {
        var err = new StringWriter();
        assertThat(run(new StringWriter(), err, "batch", "status", "batch_9")).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 404: no batch batch_9");

        err = new StringWriter();
        int exit = new CommandLine(new SluiceCli()).setOut(new PrintWriter(new StringWriter(), true))
                .setErr(new PrintWriter(err, true)).execute("batch", "status", "batch_1", "--url", url(),
                        "--api-key", "sk-wrong-key-0123456789");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 401: invalid api key");
    }

    @Test
    void aMissingFileIsAUsageError() {
        var err = new StringWriter();
        assertThat(run(new StringWriter(), err, "batch", "submit", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
        assertThat(calls).isEmpty();
    }

    private int run(StringWriter out, StringWriter err, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--url", url(), "--api-key", KEY)).toArray(String[]::new);
        return new CommandLine(new SluiceCli()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
