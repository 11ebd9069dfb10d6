package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.TenantPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantPolicyJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWholePolicyIsReadIntoMicroDollarsAndShownAsWritten() throws Exception {
        TenantPolicy policy = TenantPolicyJson.read(json("""
                {"requests_per_minute": 600, "tokens_per_minute": 200000, "regions": ["eu"],
                 "budgets": [{"period": "month", "limit": "5000"}, {"app": "web", "period": "DAY", "limit": 0.000001, "mode": "soft"}],
                 "sanitize": {"injection": "FLAG", "injection_threshold": 0.7, "pii": "mask", "secrets": "block", "audit_text": true}}
                """));

        assertThat(policy.getRequestsPerMinute()).isEqualTo(600);
        assertThat(policy.getRegions()).containsExactly("eu");
        assertThat(policy.getBudgets()).satisfiesExactly(
                month -> {
                    assertThat(month.getLimitMicros()).isEqualTo(5_000_000_000L);
                    assertThat(month.getHard()).isTrue();
                    assertThat(month.getApp()).isNull();
                },
                day -> {
                    assertThat(day.getPeriod()).isEqualTo("day");
                    assertThat(day.getLimitMicros()).isEqualTo(1L);
                    assertThat(day.getHard()).isFalse();
                });
        assertThat(policy.getInjection()).isEqualTo("flag");
        assertThat(policy.getPii()).isEqualTo("mask");
        assertThat(policy.getAuditText()).isTrue();

        JsonNode view = TenantPolicyJson.view(policy);
        assertThat(view.at("/budgets/0/limit").asText()).isEqualTo("5000.00");
        assertThat(view.at("/budgets/1/limit").asText()).isEqualTo("0.000001");
        assertThat(view.at("/sanitize/injection_threshold").asDouble()).isEqualTo(0.7);
        assertThat(TenantPolicyJson.read(view)).isEqualTo(policy);
    }

    @Test
    void nothingStatedIsTheDefaultEverywhere() throws Exception {
        TenantPolicy policy = TenantPolicyJson.read(json("{}"));
        assertThat(policy.getRequestsPerMinute()).isNull();
        assertThat(policy.getRegions()).isNull();
        assertThat(policy.getBudgets()).isEmpty();
        assertThat(policy.getInjection()).isNull();
        assertThat(TenantPolicyJson.view(policy).isEmpty()).isTrue();
        assertThat(TenantPolicyJson.nested(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"regions\": []}                                                   | regions",
            "{\"requests_per_minute\": 0}                                        | requests_per_minute",
            "{\"budgets\": [{\"period\": \"week\", \"limit\": \"1\"}]}           | budgets[0].period",
            "{\"budgets\": [{\"period\": \"day\", \"limit\": \"-1\"}]}           | budgets[0].limit",
            "{\"budgets\": [{\"period\": \"day\", \"limit\": \"0.0000001\"}]}    | budgets[0].limit",
            "{\"budgets\": [{\"period\": \"day\"}]}                              | budgets[0].limit",
            "{\"budgets\": [{\"period\": \"day\", \"limit\": 1, \"mode\": \"x\"}]} | budgets[0].mode",
            "{\"budgets\": [{\"period\": \"day\", \"limit\": 1}, {\"period\": \"day\", \"limit\": 2}]} | budgets[1]",
            "{\"sanitize\": {\"injection\": \"mask\"}}                           | sanitize.injection",
            "{\"sanitize\": {\"pii\": \"scramble\"}}                             | sanitize.pii",
            "{\"sanitize\": {\"injection_threshold\": 1.5}}                      | sanitize.injection_threshold",
            "{\"sanitize\": {\"colour\": \"red\"}}                               | sanitize.colour",
    })
    void whatTheGatewayCouldNotApplyIsRefusedNamingTheField(String body, String param) {
        assertThatThrownBy(() -> TenantPolicyJson.read(json(body)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(400);
                    assertThat(e.error().param()).isEqualTo(param);
                });
    }

    @Test
    void aNestedPolicyAllowsOnlyPolicyFields() {
        assertThatThrownBy(() -> TenantPolicyJson.nested(json("{\"tenant\": \"acme\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().param()).isEqualTo("policy.tenant"));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
