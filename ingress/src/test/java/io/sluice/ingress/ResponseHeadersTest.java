package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.avro.BudgetStatus;
import io.sluice.avro.RateLimitStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {

    @Test
    void durationsAreWrittenAsOpenAiWritesThem() {
        assertThat(ResponseHeaders.duration(0L)).isEqualTo("0ms");
        assertThat(ResponseHeaders.duration(120L)).isEqualTo("120ms");
        assertThat(ResponseHeaders.duration(1_000L)).isEqualTo("1s");
        assertThat(ResponseHeaders.duration(1_500L)).isEqualTo("1.5s");
        assertThat(ResponseHeaders.duration(6_050L)).isEqualTo("6.05s");
        assertThat(ResponseHeaders.duration(360_000L)).isEqualTo("6m0s");
        assertThat(ResponseHeaders.duration(61_001L)).isEqualTo("1m1.001s");
    }

    @Test
    void givenBothLimitsThenAllSixHeadersAreSet() {
        HttpResponse http = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        ResponseHeaders.rateLimits(http, new RateLimitStatus(10L, 7L, 18_000L, 1000L, 400L, 36_000L, null));
        assertThat(http.headers().get("x-ratelimit-limit-requests")).isEqualTo("10");
        assertThat(http.headers().get("x-ratelimit-remaining-requests")).isEqualTo("7");
        assertThat(http.headers().get("x-ratelimit-reset-requests")).isEqualTo("18s");
        assertThat(http.headers().get("x-ratelimit-limit-tokens")).isEqualTo("1000");
        assertThat(http.headers().get("x-ratelimit-remaining-tokens")).isEqualTo("400");
        assertThat(http.headers().get("x-ratelimit-reset-tokens")).isEqualTo("36s");
    }

    @Test
    void givenOnlyARequestLimitThenNoTokenHeaders() {
        HttpResponse http = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        ResponseHeaders.rateLimits(http, new RateLimitStatus(10L, 9L, 6_000L, null, null, null, null));
        assertThat(http.headers().get("x-ratelimit-limit-requests")).isEqualTo("10");
        assertThat(http.headers().contains("x-ratelimit-limit-tokens")).isFalse();
    }

    @Test
    void budgetsAreListedInExactDollars() throws Exception {
        var status = BudgetStatus.newBuilder().setTenantId("acme").setScope("app:web").setPeriod("day")
                .setPeriodStart(Instant.parse("2026-12-02T00:00:00Z")).setPeriodEnd(Instant.parse("2026-12-03T00:00:00Z"))
                .setHard(true).setLimitMicros(10_000_000).setCommittedMicros(2_500_001).setReservedMicros(1_000_000)
                .setUpdatedAt(Instant.parse("2026-12-02T10:00:00Z")).build();
        JsonNode json = new ObjectMapper().readTree(BudgetsHandler.render(List.of(status)));
        JsonNode budget = json.get("data").get(0);
        assertThat(budget.get("scope").asText()).isEqualTo("app:web");
        assertThat(budget.get("limit_usd").decimalValue()).isEqualByComparingTo("10.000000");
        assertThat(budget.get("committed_usd").decimalValue()).isEqualByComparingTo("2.500001");
        assertThat(budget.get("remaining_usd").decimalValue()).isEqualByComparingTo("6.499999");
        assertThat(budget.get("used_percent").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(budget.get("mode").asText()).isEqualTo("hard");
    }
}
