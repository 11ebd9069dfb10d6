package io.sluice.ingress;

import static io.sluice.ingress.HttpHarness.chat;
import static io.sluice.ingress.HttpHarness.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile HTTP input: each case gets the right 4xx in the OpenAI error shape where a body is
 * possible, and the server stays healthy. Body-level cases run on the real pipeline in an
 * {@link io.netty.channel.embedded.EmbeddedChannel} ({@link HttpHarness}); framing, smuggling and
 * slow clients run over real loopback sockets against a started {@link IngressServer}, where the
 * bytes on the wire and the connection closing are what is tested.
 */
class HostileInputTest {

    private static void assertError(FullHttpResponse response, int status, String code) {
        assertThat(response.status().code()).isEqualTo(status);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        JsonNode error = error(response);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("type").asText()).isNotBlank();
        assertThat(error.get("message").asText()).isNotBlank();
    }

    private static void assertError(LoopbackIngress.Response response, int status, String code) throws IOException {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        JsonNode error = HttpHarness.JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
    }

    /** Bodies and headers a handler sees, on the real pipeline in an embedded channel. */
    @Nested
    class Bodies {
        private final HttpHarness http = new HttpHarness();

        @AfterEach
        void close() {
            http.close();
        }

        /** After a refusal, the same connection still serves a normal chat request. */
        private void assertStillServes() {
            int before = http.submitter.submitted.size();
            http.send(chat(HttpHarness.minimalChat()));
            assertThat(http.submitter.submitted).hasSize(before + 1);
            http.submitter.reply(Replies.successFor(http.submitter.last(), "fine"));
            assertThat(http.nextResponse().status().code()).isEqualTo(200);
            FullHttpResponse health = http.exchange(HttpHarness.request(HttpMethod.GET, "/health/live"));
            assertThat(health.status().code()).isEqualTo(200);
        }

        private FullHttpResponse chatBytes(byte[] body) {
            var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/chat/completions",
                    Unpooled.wrappedBuffer(body));
            request.headers().set(HttpHeaderNames.HOST, "localhost");
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + HttpHarness.SECRET);
            return http.exchange(request);
        }

        @Test
        void given_nesting_ten_thousand_deep_when_posting_then_400_invalid_json_without_a_stack_overflow() {
            String deep = "[".repeat(10_000) + "]".repeat(10_000);
            var harness = new HttpHarness(HttpHarness.settings(64 * 1024), List.of());
            try {
                FullHttpResponse response = harness.exchange(chat("{\"model\":\"mock-echo\",\"metadata\":" + deep + "}"));
                assertError(response, 400, "invalid_json");
                assertThat(error(response).get("message").asText()).contains("nesting depth");
            } finally {
                harness.close();
            }
            assertStillServes();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "{\"model\":\"mock-echo\",\"temperature\":1e999999999,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"model\":\"mock-echo\",\"temperature\":-1e999999999,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"model\":\"mock-echo\",\"max_tokens\":99999999999999999999,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"model\":\"mock-echo\",\"seed\":1e400,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"model\":\"mock-echo\",\"seed\":123456789012345678901234567890123456789012345678901234567890123456789,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"})
        void given_a_huge_number_when_posting_then_400(String body) {
            FullHttpResponse response = http.exchange(chat(body));

            assertThat(response.status().code()).isEqualTo(400);
            assertThat(error(response).get("code").asText()).isIn("invalid_json", "invalid_value", "invalid_type");
            assertThat(http.submitter.submitted).isEmpty();
            assertStillServes();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "{\"model\":\"mock-echo\",\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"role\":\"system\",\"content\":\"hi\"}]}",
                "{\"model\":\"mock-echo\",\"metadata\":{\"a\":\"1\",\"a\":\"2\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"})
        void given_a_duplicate_key_at_any_depth_when_posting_then_400_invalid_json(String body) {
            FullHttpResponse response = http.exchange(chat(body));

            assertError(response, 400, "invalid_json");
            assertThat(error(response).get("message").asText()).contains("Duplicate field");
            assertThat(http.submitter.submitted).isEmpty();
            assertStillServes();
        }

        static List<Arguments> badUnicode() {
            return List.of(
                    Arguments.of("invalid start byte 0xff", bytes("{\"model\":\"mock-echo\",\"user\":\"", 0xff, "\"}")),
                    Arguments.of("truncated sequence", bytes("{\"model\":\"mock-echo\",\"user\":\"", 0xc3, "(\"}")),
                    Arguments.of("overlong slash", bytes("{\"model\":\"mock-echo\",\"user\":\"", 0xc0, 0xaf, "\"}")),
                    Arguments.of("utf-8 encoded lone surrogate",
                            bytes("{\"model\":\"mock-echo\",\"user\":\"", 0xed, 0xa0, 0x80, "\"}")),
                    Arguments.of("escaped lone high surrogate",
                            "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\ud800b\"}]}"
                                    .getBytes(StandardCharsets.UTF_8)),
                    Arguments.of("escaped lone low surrogate",
                            "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"\\udc00\"}]}"
                                    .getBytes(StandardCharsets.UTF_8)),
                    Arguments.of("surrogates reversed",
                            "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"\\udc00\\ud800\"}]}"
                                    .getBytes(StandardCharsets.UTF_8)),
                    Arguments.of("lone surrogate in a key",
                            "{\"model\":\"mock-echo\",\"metadata\":{\"\\ud800\":\"x\"}}".getBytes(StandardCharsets.UTF_8)));
        }

        private static byte[] bytes(Object... parts) {
            var out = new ByteArrayOutputStream();
            for (Object part : parts) {
                if (part instanceof String text) {
                    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write((Integer) part);
                }
            }
            return out.toByteArray();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badUnicode")
        void given_invalid_utf8_or_a_lone_surrogate_when_posting_then_400_invalid_json(String why, byte[] body) {
            FullHttpResponse response = chatBytes(body);

            assertError(response, 400, "invalid_json");
            assertThat(http.submitter.submitted).isEmpty();
            assertStillServes();
        }

        @Test
        void given_a_proper_surrogate_pair_when_posting_then_it_is_accepted() {
            http.send(chat("{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"\\ud83d\\ude00 \uD83D\uDE00\"}]}"));

            assertThat(http.submitter.last().getMessages().get(0).getContent().toString()).isEqualTo("\uD83D\uDE00 \uD83D\uDE00");
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
                "application/xml", "application/json-patch+json", "*/*"})
        void given_a_wrong_content_type_when_posting_then_415(String contentType) {
            FullHttpRequest request = chat(HttpHarness.minimalChat());
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);

            assertError(http.exchange(request), 415, "unsupported_media_type");
            assertStillServes();
        }

        @ParameterizedTest
        @ValueSource(strings = {"gzip", "deflate", "br", "x-gzip", "gzip, identity"})
        void given_a_compressed_body_bomb_when_posting_then_415_without_inflating_it(String coding) throws IOException {
            byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
            assertThat(bomb.length).as("50 MiB of zeros compress to little").isLessThan(1024 * 1024);
            byte[] small = coding.startsWith("deflate") ? deflate(HttpHarness.minimalChat().getBytes(StandardCharsets.UTF_8))
                    : gzip(HttpHarness.minimalChat().getBytes(StandardCharsets.UTF_8));
            var harness = new HttpHarness(HttpHarness.settings(1024 * 1024), List.of());
            try {
                for (byte[] body : List.of(bomb, small)) {
                    var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                            "/v1/chat/completions", Unpooled.wrappedBuffer(body));
                    request.headers().set(HttpHeaderNames.HOST, "localhost");
                    request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    request.headers().set(HttpHeaderNames.CONTENT_ENCODING, coding);
                    request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                    request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + HttpHarness.SECRET);

                    assertError(harness.exchange(request), 415, "unsupported_content_encoding");
                }
                assertThat(harness.submitter.submitted).isEmpty();
            } finally {
                harness.close();
            }
            assertStillServes();
        }

        @Test
        void given_content_encoding_identity_when_posting_then_it_is_accepted() {
            FullHttpRequest request = chat(HttpHarness.minimalChat());
            request.headers().set(HttpHeaderNames.CONTENT_ENCODING, "identity");

            http.send(request);

            assertThat(http.submitter.submitted).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/%6Detrics", "/v1/chat%2Fcompletions", "/v1/models/../models", "//metrics",
                "/v1/mod%zzels", "/health/", "/HEALTH"})
        void given_a_path_spelt_otherwise_then_404_never_another_route(String path) {
            FullHttpResponse response = http.exchange(HttpHarness.request(HttpMethod.GET, path));

            assertError(response, 404, "not_found");
            assertStillServes();
        }

        @Test
        void given_a_head_request_then_405_with_no_body_and_the_connection_stays_usable() {
            http.send(HttpHarness.request(HttpMethod.HEAD, "/health"));
            http.channel.runPendingTasks();
            var raw = new StringBuilder();
            io.netty.buffer.ByteBuf bytes;
            while ((bytes = http.channel.readOutbound()) != null) {
                raw.append(bytes.toString(StandardCharsets.ISO_8859_1));
                bytes.release();
            }

            assertThat(raw.toString()).startsWith("HTTP/1.1 405").endsWith("\r\n\r\n").doesNotContain("{");
            assertStillServes();
        }

        @Test
        void given_an_unknown_expectation_then_417_in_the_openai_shape() {
            FullHttpRequest request = chat(HttpHarness.minimalChat());
            request.headers().set(HttpHeaderNames.EXPECT, "202-accepted");

            assertError(http.exchange(request), 417, "expectation_failed");
            assertThat(http.submitter.submitted).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"' OR '1'='1", "'; DROP TABLE keys; --", "${jndi:ldap://x/a}", "{{7*7}}", "#{7*7}",
                "../../etc/passwd", "%00sk-test-acme-web", "sk-test-acme-web%00"})
        void given_an_injection_shaped_key_then_the_same_401_as_any_bad_key(String key) {
            FullHttpRequest request = chat(HttpHarness.minimalChat());
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + key);

            FullHttpResponse response = http.exchange(request);

            assertError(response, 401, "invalid_api_key");
            assertThat(error(response).get("message").asText()).isEqualTo(ApiError.invalidApiKey().message());
            assertThat(response.content().toString(StandardCharsets.UTF_8)).doesNotContain(key);
            assertStillServes();
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var z = new DeflaterOutputStream(out, new Deflater(9))) {
            z.write(data);
        }
        return out.toByteArray();
    }

    /** Framing, smuggling and slow clients over real loopback sockets. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OverSockets {
        static final Duration READ_DEADLINE = Duration.ofMillis(1_000);
        static final Duration IDLE_TIMEOUT = Duration.ofMillis(1_500);
        /** What a smuggler hopes the server parses as a second request: it would answer 200 with the models. */
        static final String SMUGGLED = "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + LoopbackIngress.SECRET + "\r\n\r\n";
        private LoopbackIngress ingress;

        @BeforeAll
        void start() {
            var settings = new IngressSettings("127.0.0.1", 0, 8 * 1024, 16, Duration.ofSeconds(30), null, 1,
                    READ_DEADLINE, IDLE_TIMEOUT, null, IpRanges.none(), false);
            ingress = new LoopbackIngress(settings, LoopbackIngress.keys(IpRanges.none()));
        }

        @AfterAll
        void stop() {
            ingress.close();
        }

        static List<Arguments> smuggling() {
            String chat = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + LoopbackIngress.SECRET + "\r\n";
            return List.of(
                    Arguments.of("CL.TE", chat + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                    Arguments.of("TE.CL", chat + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n", 400),
                    Arguments.of("duplicate Content-Length, equal", chat
                            + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}", 400),
                    Arguments.of("duplicate Content-Length, differing", chat
                            + "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}", 400),
                    Arguments.of("Content-Length list", chat + "Content-Length: 2, 2\r\n\r\n{}", 400),
                    Arguments.of("Content-Length with a sign", chat + "Content-Length: +2\r\n\r\n{}", 400),
                    Arguments.of("obs-fold", "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Note: a\r\n b\r\n\r\n", 400),
                    Arguments.of("obs-fold with a tab", "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Note: a\r\n\tb\r\n\r\n",
                            400),
                    Arguments.of("folded Transfer-Encoding", chat + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", 400),
                    Arguments.of("folded Content-Length", chat + "Content-Length:\r\n 2\r\n\r\n{}", 400),
                    Arguments.of("bare LF line endings", "GET /health HTTP/1.1\nHost: localhost\n\n", 400),
                    Arguments.of("bare LF after a header", "GET /health HTTP/1.1\r\nHost: localhost\nX: y\r\n\r\n", 400),
                    Arguments.of("bare CR", "GET /health HTTP/1.1\r\nHost: localhost\rX: y\r\n\r\n", 400),
                    Arguments.of("space before the colon", chat + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400),
                    Arguments.of("unknown final coding", chat + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", 400),
                    Arguments.of("chunked not last", chat + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", 400),
                    Arguments.of("two Transfer-Encoding headers", chat
                            + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n", 400),
                    Arguments.of("Transfer-Encoding in HTTP/1.0", "POST /v1/chat/completions HTTP/1.0\r\nHost: localhost\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                    Arguments.of("chunk size not hex", chat + "Transfer-Encoding: chunked\r\n\r\n0x2\r\n{}\r\n0\r\n\r\n", 400),
                    Arguments.of("chunk data ended by bare LF", chat
                            + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\n0\r\n\r\n", 400),
                    Arguments.of("chunk size line ended by bare LF", chat
                            + "Transfer-Encoding: chunked\r\n\r\n2;x\n{}\r\n0\r\n\r\n", 400),
                    Arguments.of("NUL in a header value", "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                            + LoopbackIngress.SECRET + "\0x\r\n\r\n", 400),
                    Arguments.of("control character in a header name", "GET /health HTTP/1.1\r\nHost: localhost\r\nX\u0001Y: 1\r\n\r\n",
                            400),
                    Arguments.of("two Host headers", "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                    Arguments.of("HTTP/0.9", "GET /\r\n\r\n", 400),
                    Arguments.of("unknown HTTP version", "GET /health HTTP/9.9\r\nHost: localhost\r\n\r\n", 505),
                    Arguments.of("HTTP/2 preface over HTTP/1", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
                    Arguments.of("transfer coding other than chunked", chat
                            + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("smuggling")
        void given_a_smuggling_form_then_one_error_and_the_connection_closes_with_nothing_after_it_parsed(
                String form, String request, int status) throws Exception {
            int produced = ingress.producer.history().size();
            List<LoopbackIngress.Response> responses;
            try (var connection = ingress.connect()) {
                connection.send(request + SMUGGLED);
                responses = connection.readUntilClosed(Duration.ofSeconds(5));
            }

            assertThat(responses).as("one answer, none for the smuggled request").hasSize(1);
            assertError(responses.get(0), status, switch (status) {
                case 501 -> "unsupported_transfer_encoding";
                case 505 -> "http_version_not_supported";
                default -> "bad_request";
            });
            assertThat(responses.get(0).header("connection")).isEqualTo("close");
            assertThat(ingress.producer.history()).hasSize(produced);
            ingress.assertHealthy();
        }

        @Test
        void given_obs_fold_in_a_pipelined_request_after_a_body_then_the_first_is_answered_and_nothing_after_the_fold()
                throws Exception {
            String first = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Authorization: Bearer " + LoopbackIngress.SECRET + "\r\nContent-Length: 4\r\n\r\nGET ";
            String folded = "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Note: a\r\n b\r\n\r\n";
            List<LoopbackIngress.Response> responses;
            try (var connection = ingress.connect()) {
                connection.send(first + folded + SMUGGLED);
                responses = connection.readUntilClosed(Duration.ofSeconds(5));
            }

            assertThat(responses).extracting(LoopbackIngress.Response::status).containsExactly(415, 400);
            ingress.assertHealthy();
        }

        @Test
        void given_a_request_line_over_4_kib_then_414() throws Exception {
            try (var connection = ingress.connect()) {
                connection.send("GET /" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n" + SMUGGLED);
                List<LoopbackIngress.Response> responses = connection.readUntilClosed(Duration.ofSeconds(5));

                assertThat(responses).hasSize(1);
                assertError(responses.get(0), 414, "uri_too_long");
            }
            ingress.assertHealthy();
        }

        @ParameterizedTest
        @ValueSource(ints = {9 * 1024, 64 * 1024, 1024 * 1024})
        void given_headers_over_8_kib_then_431_and_the_client_reads_it_even_while_still_sending(int size)
                throws Exception {
            try (var connection = ingress.connect()) {
                connection.send("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + "k".repeat(size) + "\r\n\r\n" + SMUGGLED);
                List<LoopbackIngress.Response> responses = connection.readUntilClosed(Duration.ofSeconds(5));

                assertThat(responses).hasSize(1);
                assertError(responses.get(0), 431, "request_header_fields_too_large");
            }
            ingress.assertHealthy();
        }

        @Test
        void given_a_declared_body_over_the_limit_then_413_even_while_the_client_sends_it() throws Exception {
            byte[] body = new byte[200 * 1024];
            try (var connection = ingress.connect()) {
                connection.send("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n");
                connection.send(body);
                List<LoopbackIngress.Response> responses = connection.readUntilClosed(Duration.ofSeconds(5));

                assertThat(responses).hasSize(1);
                assertError(responses.get(0), 413, "request_too_large");
            }
            ingress.assertHealthy();
        }

        @Test
        void given_a_chunked_body_growing_over_the_limit_then_413_and_the_request_behind_it_is_not_handled()
                throws Exception {
            var request = new StringBuilder("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 20; i++) {
                request.append("400\r\n").append("x".repeat(0x400)).append("\r\n");
            }
            request.append("0\r\n\r\n").append(LoopbackIngress.chatRequest(LoopbackIngress.SECRET));
            int produced = ingress.producer.history().size();
            try (var connection = ingress.connect()) {
                connection.send(request.toString());
                List<LoopbackIngress.Response> responses = connection.readUntilClosed(Duration.ofSeconds(5));

                assertThat(responses).hasSize(1);
                assertError(responses.get(0), 413, "request_too_large");
            }
            assertThat(ingress.producer.history()).hasSize(produced);
            ingress.assertHealthy();
        }

        @Test
        void given_a_client_trickling_its_headers_then_408_at_the_read_deadline_and_the_connection_closes()
                throws Exception {
            try (var connection = ingress.connect()) {
                long start = System.nanoTime();
                connection.send("GET /health HTTP/1.1\r\nHost: localhost\r\n");
                String trickle = "X-Slow: " + "a".repeat(100);
                LoopbackIngress.Response response = null;
                for (int i = 0; i < trickle.length() && response == null; i++) {
                    try {
                        connection.send(trickle.substring(i, i + 1));
                    } catch (IOException closed) {
                        break;
                    }
                    Thread.sleep(100);
                    if (elapsed(start).compareTo(READ_DEADLINE) > 0) {
                        break;
                    }
                }
                List<LoopbackIngress.Response> responses = connection.readUntilClosed(Duration.ofSeconds(5));
                Duration took = elapsed(start);

                assertThat(responses).hasSize(1);
                assertError(responses.get(0), 408, "request_timeout");
                assertThat(took).isGreaterThanOrEqualTo(READ_DEADLINE).isLessThan(READ_DEADLINE.plusSeconds(3));
            }
            ingress.assertHealthy();
        }

        @Test
        void given_a_client_trickling_its_body_then_408_at_the_read_deadline() throws Exception {
            try (var connection = ingress.connect()) {
                long start = System.nanoTime();
                connection.send("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + LoopbackIngress.SECRET + "\r\nContent-Length: 1000\r\n\r\n{");
                while (elapsed(start).compareTo(READ_DEADLINE.plusMillis(300)) < 0) {
                    try {
                        connection.send(" ");
                    } catch (IOException closed) {
                        break;
                    }
                    Thread.sleep(100);
                }
                List<LoopbackIngress.Response> responses = connection.readUntilClosed(Duration.ofSeconds(5));

                assertThat(responses).hasSize(1);
                assertError(responses.get(0), 408, "request_timeout");
            }
            ingress.assertHealthy();
        }

        @Test
        void given_a_connection_that_never_sends_a_byte_then_it_is_closed_after_the_idle_timeout() throws Exception {
            try (var connection = ingress.connect()) {
                long start = System.nanoTime();

                assertThat(connection.closedWithin(IDLE_TIMEOUT.plusSeconds(3))).isTrue();
                assertThat(elapsed(start)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(50));
            }
        }

        @Test
        void given_an_idle_keep_alive_connection_then_it_is_closed_after_the_idle_timeout() throws Exception {
            try (var connection = ingress.connect()) {
                connection.send("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(connection.readResponse().status()).isEqualTo(200);
                connection.send("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
                LoopbackIngress.Response second = connection.readResponse();
                long answered = System.nanoTime();

                assertThat(second.status()).as("kept alive between requests").isEqualTo(200);
                assertThat(second.header("connection")).isEqualTo("keep-alive");
                assertThat(connection.closedWithin(IDLE_TIMEOUT.plusSeconds(3))).isTrue();
                assertThat(elapsed(answered)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(50));
            }
        }

        @Test
        void given_a_request_waiting_for_its_reply_longer_than_the_idle_timeout_then_the_connection_stays_open()
                throws Exception {
            int produced = ingress.producer.history().size();
            try (var connection = ingress.connect()) {
                connection.send(LoopbackIngress.chatRequest(LoopbackIngress.SECRET));
                var request = ingress.awaitProduced(produced + 1);
                Thread.sleep(IDLE_TIMEOUT.plusMillis(700).toMillis());
                ingress.replyWith(Replies.successFor(request, "slow but fine"));

                LoopbackIngress.Response response = connection.readResponse();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).contains("slow but fine");
            }
        }

        @Test
        void given_more_pipelined_requests_than_the_queue_holds_then_the_connection_closes_and_the_server_lives()
                throws Exception {
            try (var connection = ingress.connect()) {
                String chat = LoopbackIngress.chatRequest(LoopbackIngress.SECRET).replace("Connection: close\r\n", "");
                connection.send(chat.repeat(40));

                assertThat(connection.closedWithin(Duration.ofSeconds(5)))
                        .as("closed with no answer: the first request was still waiting for Kafka").isTrue();
            }
            Thread.sleep(200);
            ingress.assertHealthy();
        }

        private static Duration elapsed(long startNanos) {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }
}
