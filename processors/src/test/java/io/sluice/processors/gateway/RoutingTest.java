package io.sluice.processors.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiRequest;
import io.sluice.avro.Invocation;
import io.sluice.avro.Target;
import io.sluice.processors.gateway.Route.RouteTarget;
import io.sluice.processors.provider.TestRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The route stage: load-shared deployments, fallback chains, aliases and data residency. */
class RoutingTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final GatewaySettings settings = new GatewaySettings("sluice.gateway", Set.of("acme", "eu-bank"),
            Map.of(
                    "gpt-4o", new Route("gpt-4o", List.of(
                            new RouteTarget("azure-eu", "azure-openai", "gpt-4o-eu", "eu", 3),
                            new RouteTarget("openai-us", "openai", "gpt-4o-2024-08-06", "us", 1)),
                            List.of("claude", "llama")),
                    "claude", new Route("claude", List.of(
                            new RouteTarget("anthropic-us", "anthropic", "claude-sonnet-4", "us", 1)), List.of()),
                    "llama", new Route("llama", List.of(
                            new RouteTarget("vllm-eu", "openai", "llama-3.1-70b", "eu", 1)), List.of())),
            4, Set.of(), 1 << 20,
            Map.of("best", "gpt-4o"),
            Map.of("eu-bank", Set.of("eu")));
    private final GatewayStages stages = new GatewayStages(settings, "sluice.replies", Clock.fixed(NOW, ZoneOffset.UTC));

    private Decision route(String tenant, String model) {
        AiRequest request = AiRequest.newBuilder(TestRequests.request("r1", "hello").build())
                .setTenantId(tenant).setModel(model).build();
        return stages.route(stages.admit(stages.validate(tenant, request)), TenantPolicies.configured(settings));
    }

    private static Invocation invocation(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Pending.class);
        return ((Decision.Pending) decision).invocation();
    }

    @Test
    void everyDeploymentOfTheModelThenEachFallbackModelBecomesATier() {
        Invocation invocation = invocation(route("acme", "gpt-4o"));

        assertThat(invocation.getTargets()).extracting(Target::getTier, Target::getModel, Target::getDeployment,
                Target::getWeight).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "gpt-4o", "azure-eu", 3),
                        org.assertj.core.groups.Tuple.tuple(0, "gpt-4o", "openai-us", 1),
                        org.assertj.core.groups.Tuple.tuple(1, "claude", "anthropic-us", 1),
                        org.assertj.core.groups.Tuple.tuple(2, "llama", "vllm-eu", 1));
        assertThat(invocation.getDeployment()).isEqualTo("azure-eu");
        assertThat(invocation.getFallbacks()).containsExactly("openai-us", "anthropic-us", "vllm-eu");
    }

    @Test
    void anAliasRoutesLikeItsModelAndTheAuditSaysSo() {
        Decision decision = route("acme", "best");

        assertThat(invocation(decision).getTargets()).hasSize(4);
        assertThat(invocation(decision).getRequest().getModel()).as("the client's name is kept").isEqualTo("best");
        assertThat(decision.audit()).last().satisfies(event -> assertThat(event.getDetails()).containsEntry("alias", "best"));
    }

    @Test
    void aResidentTenantNeverGetsADeploymentOutsideItsRegionsNotEvenAsAFallback() {
        Invocation invocation = invocation(route("eu-bank", "gpt-4o"));

        assertThat(invocation.getTargets()).extracting(Target::getDeployment).containsExactly("azure-eu", "vllm-eu");
        assertThat(invocation.getTargets()).extracting(Target::getTier).containsExactly(0, 1);
        assertThat(invocation.getTargets()).extracting(Target::getRegion).containsOnly("eu");
    }

    @Test
    void aResidentTenantAskingForAModelServedOnlyElsewhereIsRefusedBeforeAnyCall() {
        Decision decision = route("eu-bank", "claude");

        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        var rejected = (Decision.Rejected) decision;
        assertThat(rejected.error().getHttpStatus()).isEqualTo(403);
        assertThat(rejected.error().getCode()).isEqualTo("region_not_allowed");
        assertThat(rejected.error().getMessage()).contains("claude").contains("eu");
    }
}
