package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/feedback}: only the caller that made a request may rate it, and bad input is a clear 400. */
class FeedbackHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpHarness http = new HttpHarness(HttpHarness.settings(64 * 1024), List.of());

    @AfterEach
    void close() {
        http.close();
    }

    private String madeRequest() {
        http.send(HttpHarness.chat("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        var submitted = http.submitter.last();
        http.submitter.reply(Replies.successFor(submitted, "hello"));
        assertThat(http.nextResponse().status().code()).isEqualTo(200);
        return submitted.getRequestId();
    }

    private FullHttpResponse feedback(String secret, String body) {
        FullHttpRequest request = HttpHarness.post("/v1/feedback", body);
        request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + secret);
        return http.exchange(request);
    }

    private static JsonNode json(FullHttpResponse response) throws Exception {
        return JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCallerThatMadeTheRequestRatesItAndTheRatingBecomesAnAuditEventNamingTheModel() throws Exception {
        String id = madeRequest();
        FullHttpResponse response = feedback(HttpHarness.SECRET,
                "{\"request_id\":\"" + id + "\",\"rating\":\"down\",\"comment\":\"made up a citation\"}");

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(json(response).get("model").asText()).isEqualTo("gpt-4o-mini");
        AuditEvent event = http.feedback.get(0);
        assertThat(event.getAction()).isEqualTo(AuditAction.FEEDBACK);
        assertThat(event.getRequestId()).isEqualTo(id);
        assertThat(event.getTenantId()).isEqualTo("acme");
        assertThat(event.getApiKeyId()).isEqualTo("key-acme-web");
        assertThat(event.getRequestedModel()).isEqualTo("gpt-4o-mini");
        assertThat(event.getDetails()).containsEntry("rating", "down").containsEntry("comment", "made up a citation");
        assertThat(event.getEventId()).startsWith(id + ":FEEDBACK:fb-");
    }

    @Test
    void aScoreIsRecordedAsGiven() throws Exception {
        String id = madeRequest();
        FullHttpResponse response = feedback(HttpHarness.SECRET, "{\"request_id\":\"" + id + "\",\"score\":0.75}");
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(json(response).get("score").asDouble()).isEqualTo(0.75);
        assertThat(http.feedback.get(0).getDetails()).containsEntry("score", "0.75");
    }

    @Test
    void anotherTenantsKeyCannotRateTheRequestAndLearnsNothingAboutIt() throws Exception {
        String id = madeRequest();
        FullHttpResponse response = feedback(HttpHarness.OTHER_SECRET, "{\"request_id\":\"" + id + "\",\"rating\":\"up\"}");
        assertThat(response.status().code()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("request_not_found");
        assertThat(http.feedback).isEmpty();
    }

    @Test
    void aForgedOrUnknownRequestIdIsNotFound() throws Exception {
        String id = madeRequest();
        String forged = id.substring(0, id.length() - 1) + (id.endsWith("A") ? "B" : "A");
        assertThat(feedback(HttpHarness.SECRET, "{\"request_id\":\"" + forged + "\",\"rating\":\"up\"}").status().code())
                .isEqualTo(404);
        assertThat(feedback(HttpHarness.SECRET, "{\"request_id\":\"chatcmpl-nope\",\"rating\":\"up\"}").status().code())
                .isEqualTo(404);
        assertThat(http.feedback).isEmpty();
    }

    @Test
    void badFeedbackIsRefusedWithTheParameterNamed() throws Exception {
        String id = madeRequest();
        assertThat(json(feedback(HttpHarness.SECRET, "{\"request_id\":\"" + id + "\",\"rating\":\"meh\"}"))
                .at("/error/param").asText()).isEqualTo("rating");
        assertThat(json(feedback(HttpHarness.SECRET, "{\"request_id\":\"" + id + "\",\"score\":2}"))
                .at("/error/param").asText()).isEqualTo("score");
        assertThat(json(feedback(HttpHarness.SECRET, "{\"request_id\":\"" + id + "\"}")).at("/error/code").asText())
                .isEqualTo("missing_required_parameter");
        assertThat(json(feedback(HttpHarness.SECRET, "{\"rating\":\"up\"}")).at("/error/param").asText())
                .isEqualTo("request_id");
        assertThat(json(feedback(HttpHarness.SECRET, "{\"request_id\":\"" + id + "\",\"rating\":\"up\",\"stars\":5}"))
                .at("/error/code").asText()).isEqualTo("unknown_parameter");
        assertThat(feedback(HttpHarness.SECRET, "{\"request_id\":\"" + id + "\",\"comment\":\"" + "x".repeat(2001) + "\"}")
                .status().code()).isEqualTo(400);
        assertThat(http.feedback).isEmpty();
    }

    @Test
    void withoutAKeyIs401() {
        FullHttpResponse response = http.exchange(HttpHarness.post("/v1/feedback", "{\"request_id\":\"x\",\"rating\":\"up\"}"));
        assertThat(response.status().code()).isEqualTo(401);
    }
}
