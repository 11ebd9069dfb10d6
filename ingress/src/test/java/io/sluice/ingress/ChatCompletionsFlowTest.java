package io.sluice.ingress;

import static io.sluice.ingress.HttpHarness.chat;
import static io.sluice.ingress.HttpHarness.error;
import static io.sluice.ingress.HttpHarness.json;
import static io.sluice.ingress.HttpHarness.minimalChat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Priority;
import io.sluice.avro.Role;
import io.sluice.schemas.Telemetry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A valid chat request: what goes to Kafka, and what the client gets for each kind of outcome. */
class ChatCompletionsFlowTest {
    private final HttpHarness http = new HttpHarness(HttpHarness.settings(64 * 1024), List.of());

    @AfterEach
    void close() {
        http.close();
    }

    @Test
    void given_a_full_openai_request_when_posting_then_an_ai_request_is_submitted_with_every_field() {
        FullHttpRequest request = chat("""
                {"model":"gpt-4o-mini",
                 "messages":[{"role":"system","content":"be brief"},
                             {"role":"developer","content":"use metric units"},
                             {"role":"user","name":"ann","content":[{"type":"text","text":"part one"},{"type":"text","text":"part two"}]},
                             {"role":"assistant","content":"ok"},
                             {"role":"tool","content":"42"}],
                 "temperature":0.2,"top_p":0.9,"max_completion_tokens":256,"n":1,"stop":["END","STOP"],
                 "presence_penalty":0.5,"frequency_penalty":-0.5,"seed":7,"logit_bias":{"50256":-100},
                 "user":"user-123","response_format":{"type":"json_object"},
                 "metadata":{"team":"search"},"store":false,"stream":false,"tool_choice":null}
                """);
        request.headers().set("Idempotency-Key", "retry-abc");

        http.send(request);

        AiRequest submitted = http.submitter.last();
        assertThat(submitted.getRequestId()).matches("chatcmpl-[A-Za-z0-9]{24}");
        assertThat(submitted.getTenantId()).isEqualTo("acme");
        assertThat(submitted.getAppId()).isEqualTo("web");
        assertThat(submitted.getApiKeyId()).isEqualTo("key-acme-web");
        assertThat(submitted.getUser()).isEqualTo("user-123");
        assertThat(submitted.getModel()).isEqualTo("gpt-4o-mini");
        assertThat(submitted.getMessages()).containsExactly(
                message(Role.SYSTEM, "be brief", null),
                message(Role.DEVELOPER, "use metric units", null),
                message(Role.USER, "part one\npart two", "ann"),
                message(Role.ASSISTANT, "ok", null),
                message(Role.TOOL, "42", null));
        var params = submitted.getParams();
        assertThat(params.getTemperature()).isEqualTo(0.2);
        assertThat(params.getTopP()).isEqualTo(0.9);
        assertThat(params.getMaxTokens()).isEqualTo(256);
        assertThat(params.getN()).isEqualTo(1);
        assertThat(params.getStop()).containsExactly("END", "STOP");
        assertThat(params.getPresencePenalty()).isEqualTo(0.5);
        assertThat(params.getFrequencyPenalty()).isEqualTo(-0.5);
        assertThat(params.getSeed()).isEqualTo(7L);
        assertThat(params.getLogitBias()).isEqualTo(Map.of("50256", -100));
        assertThat(params.getResponseFormat()).isEqualTo("{\"type\":\"json_object\"}");
        assertThat(submitted.getStream()).isFalse();
        assertThat(submitted.getPriority()).isEqualTo(Priority.INTERACTIVE);
        assertThat(submitted.getReplyTo().getTopic()).isEqualTo(HttpHarness.REPLY_TOPIC);
        assertThat(submitted.getReplyTo().getPartition()).isEqualTo(HttpHarness.REPLY_PARTITION);
        assertThat(submitted.getReceivedAt()).isEqualTo(HttpHarness.NOW);
        assertThat(submitted.getIdempotencyKey()).isEqualTo("retry-abc");
        assertThat(submitted.getMetadata()).isEqualTo(Map.of("team", "search"));
        assertThat(http.nextResponse()).as("no answer before the reply").isNull();
    }

    private static ChatMessage message(Role role, String content, String name) {
        return ChatMessage.newBuilder().setRole(role).setContent(content).setName(name).build();
    }

    @Test
    void given_max_tokens_when_posting_then_it_becomes_the_max_tokens_parameter() {
        http.send(chat("{\"model\":\"mock-echo\",\"max_tokens\":12,\"stop\":\"\\n\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

        assertThat(http.submitter.last().getParams().getMaxTokens()).isEqualTo(12);
        assertThat(http.submitter.last().getParams().getStop()).containsExactly("\n");
    }

    @Test
    void given_a_success_reply_when_it_arrives_then_200_with_the_chat_completion_and_gateway_headers() {
        http.send(chat(minimalChat()));
        AiRequest submitted = http.submitter.last();

        http.submitter.reply(Replies.successFor(submitted, "Hello!"));
        FullHttpResponse response = http.nextResponse();

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get("x-request-id")).isEqualTo(submitted.getRequestId());
        assertThat(response.headers().get("x-sluice-deployment")).isEqualTo("mock-local");
        assertThat(response.headers().get("x-sluice-provider")).isEqualTo("mock");
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_LENGTH))
                .isEqualTo(String.valueOf(response.content().readableBytes()));
        JsonNode body = json(response);
        assertThat(body.get("id").asText()).isEqualTo(submitted.getRequestId());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("choices").get(0).get("message").get("content").asText()).isEqualTo("Hello!");
        assertThat(http.metrics.inFlight()).isZero();
        assertThat(http.counter("chat_completions", 200)).isEqualTo(1);
        assertThat(http.registry.find(Telemetry.SERVER_REQUEST_DURATION)
                .tag(Telemetry.TAG_REQUEST_MODEL, "mock-echo")
                .tag(Telemetry.TAG_ERROR_TYPE, Telemetry.NO_ERROR).timer().count()).isEqualTo(1);
    }

    @Test
    void given_a_rejected_reply_when_it_arrives_then_its_status_error_and_retry_after() {
        http.send(chat(minimalChat()));
        String id = http.submitter.last().getRequestId();

        http.submitter.reply(Replies.finalReply(
                Replies.rejected(id, 429, "rate_limit_error", "rate_limit_exceeded", 7L)));
        FullHttpResponse response = http.nextResponse();

        assertThat(response.status().code()).isEqualTo(429);
        assertThat(response.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("7");
        assertThat(response.headers().get("x-request-id")).isEqualTo(id);
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("message").asText()).isEqualTo("Rate limit reached for tenant acme.");
    }

    @Test
    void given_no_reply_within_the_timeout_when_time_passes_then_504_and_the_pending_entry_is_dropped() {
        http.send(chat(minimalChat()));
        String id = http.submitter.last().getRequestId();

        http.advanceTime(Duration.ofSeconds(29));
        assertThat(http.nextResponse()).isNull();
        http.advanceTime(Duration.ofSeconds(1));
        FullHttpResponse response = http.nextResponse();

        assertThat(response.status().code()).isEqualTo(504);
        assertThat(error(response).get("type").asText()).isEqualTo("timeout");
        assertThat(error(response).get("code").asText()).isEqualTo("gateway_timeout");
        assertThat(error(response).get("message").asText()).doesNotContain("Idempotency-Key");
        assertThat(response.headers().get("x-request-id")).isEqualTo(id);
        assertThat(http.submitter.cancelled).containsExactly(id);
        assertThat(http.metrics.inFlight()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "unavailable, 503, server_error, kafka_unavailable, true",
            "too large, 413, invalid_request_error, request_too_large, false"})
    void given_the_requests_topic_refuses_when_posting_then_the_client_is_told_why(String why, int status,
                                                                                  String type, String code,
                                                                                  boolean retryLater) {
        http.submitter.failSends(why.equals("too large")
                ? new RequestSubmitter.SubmitException(why, null, ApiError.recordTooLarge())
                : new RequestSubmitter.SubmitException(why, null));

        FullHttpResponse response = http.exchange(chat(minimalChat()));

        assertThat(response.status().code()).isEqualTo(status);
        assertThat(error(response).get("type").asText()).isEqualTo(type);
        assertThat(error(response).get("code").asText()).isEqualTo(code);
        assertThat(response.headers().contains(HttpHeaderNames.RETRY_AFTER)).as("Retry-After").isEqualTo(retryLater);
        assertThat(http.metrics.inFlight()).isZero();
    }

    @Test
    void given_the_server_is_closing_when_a_waiting_request_is_answered_then_the_connection_closes_after_it() {
        http.send(chat(minimalChat()));
        http.closing.set(true);

        http.submitter.reply(Replies.successFor(http.submitter.last(), "last one"));
        FullHttpResponse response = http.nextResponse();

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(http.channel.isOpen()).isFalse();
    }

    @Test
    void given_a_client_that_disconnects_while_waiting_then_its_pending_entry_is_removed() {
        http.send(chat(minimalChat()));
        String id = http.submitter.last().getRequestId();
        assertThat(http.metrics.inFlight()).isEqualTo(1);

        http.channel.close();
        http.channel.runPendingTasks();

        assertThat(http.submitter.cancelled).containsExactly(id);
        assertThat(http.submitter.isPending(id)).isFalse();
        assertThat(http.metrics.inFlight()).isZero();
        assertThat(http.counter("chat_completions", Exchange.CLIENT_CLOSED)).isEqualTo(1);
    }

    @Test
    void given_keep_alive_when_two_requests_follow_each_other_then_both_are_answered_on_one_connection() {
        http.send(chat(minimalChat()));
        http.submitter.reply(Replies.successFor(http.submitter.last(), "one"));
        FullHttpResponse first = http.nextResponse();
        http.send(chat(minimalChat()));
        http.submitter.reply(Replies.successFor(http.submitter.last(), "two"));
        FullHttpResponse second = http.nextResponse();

        assertThat(first.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("keep-alive");
        assertThat(json(second).get("choices").get(0).get("message").get("content").asText()).isEqualTo("two");
        assertThat(http.channel.isOpen()).isTrue();
    }

    @Test
    void given_pipelined_requests_then_answers_leave_in_request_order() {
        http.send(chat(minimalChat()), chat(minimalChat()));
        assertThat(http.submitter.submitted).as("the second waits for the first").hasSize(1);
        AiRequest first = http.submitter.last();

        http.submitter.reply(Replies.successFor(first, "first"));
        http.channel.runPendingTasks();
        AiRequest second = http.submitter.last();
        http.submitter.reply(Replies.successFor(second, "second"));

        List<FullHttpResponse> responses = http.allResponses();
        assertThat(responses).extracting(r -> json(r).get("choices").get(0).get("message").get("content").asText())
                .containsExactly("first", "second");
    }

    @Test
    void given_connection_close_when_answered_then_the_connection_closes() {
        FullHttpRequest request = chat(minimalChat());
        request.headers().set(HttpHeaderNames.CONNECTION, "close");
        http.send(request);

        http.submitter.reply(Replies.successFor(http.submitter.last(), "bye"));
        FullHttpResponse response = http.nextResponse();

        assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(http.channel.isOpen()).isFalse();
    }

    @Test
    void given_a_reply_after_the_timeout_then_it_is_ignored() {
        http.send(chat(minimalChat()));
        AiRequest submitted = http.submitter.last();
        http.advanceTime(Duration.ofSeconds(30));
        assertThat(http.nextResponse().status().code()).isEqualTo(504);

        http.submitter.reply(Replies.successFor(submitted, "too late"));

        assertThat(http.nextResponse()).as("no second response").isNull();
        assertThat(http.metrics.inFlight()).isZero();
        assertThat(http.counter("chat_completions", 200)).isZero();
        assertThat(http.channel.isOpen()).isTrue();
    }
}
