package io.sluice.processors.provider;

import static io.sluice.processors.provider.TestRequests.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.processors.provider.ProviderResult.Completion;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    private final ProviderContext context = ProviderContext.create(Clock.systemUTC());

    @Test
    void serviceLoaderFindsTheBuiltInProviders() throws Exception {
        var openai = new DeploymentSettings("ollama", "openai", URI.create("http://127.0.0.1:11434/v1"), null, null,
                null, null);
        try (var providers = Providers.load(List.of(deployment("local", "mock"), openai), context)) {

            assertThat(providers.settings("ollama")).contains(openai);
            assertThat(providers.find("ollama")).isPresent();
            var answer = providers.find("local").orElseThrow()
                    .complete(new ProviderCall(TestRequests.request("r1", "hello there").build(), "mock-echo",
                            deployment("local", "mock")))
                    .get(10, TimeUnit.SECONDS);
            assertThat(answer).isInstanceOf(Completion.class);
        }
    }

    @Test
    void unknownProviderTypeIsAConfigErrorNamingTheDeployment() {
        assertThatThrownBy(() -> Providers.load(List.of(deployment("eu-1", "acme-ai")), context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deployments[name=eu-1].provider: unknown provider type `acme-ai`")
                .hasMessageContaining("(known: ")
                .hasMessageContaining("mock")
                .hasMessageContaining("openai");
        assertThat(context.scheduler().isShutdown()).as("a failed load releases the context").isTrue();
    }

    @Test
    void openaiWithoutBaseUrlIsRejectedAtLoad() {
        assertThatThrownBy(() -> Providers.load(List.of(deployment("gpt", "openai")), context))
                .hasMessage("deployments[name=gpt].base-url is required for provider openai");
    }

    @Test
    void aDeploymentNameMayAppearOnce() {
        assertThatThrownBy(() -> Providers.load(List.of(deployment("a", "mock"), deployment("a", "mock")), context))
                .hasMessage("deployments: `a` appears twice");
    }

    @Test
    void anUnknownDeploymentIsNotFound() {
        try (var providers = Providers.load(List.of(deployment("a", "mock")), context)) {
            assertThat(providers.find("b")).isEmpty();
            assertThat(providers.settings("b")).isEmpty();
        }
    }

    @Test
    void closeClosesEveryProviderAndTheContext() {
        var closed = new ArrayList<String>();
        ProviderFactory recording = new ProviderFactory() {
            @Override
            public String type() {
                return "recording";
            }

            @Override
            public Provider create(DeploymentSettings settings, ProviderContext ctx) {
                return new Provider() {
                    @Override
                    public CompletableFuture<ProviderResult> complete(ProviderCall call) {
                        return new CompletableFuture<>();
                    }

                    @Override
                    public void close() {
                        closed.add(settings.name());
                    }
                };
            }
        };
        var providers = Providers.load(List.of(deployment("a", "recording"), deployment("b", "recording")), context,
                List.of(recording));

        providers.close();

        assertThat(closed).containsExactlyInAnyOrder("a", "b");
        assertThat(context.scheduler().isShutdown()).isTrue();
    }

    @Test
    void twoFactoriesMayNotClaimOneType() {
        var mock = new io.sluice.processors.provider.mock.MockProviderFactory();
        assertThatThrownBy(() -> Providers.load(List.of(deployment("a", "mock")), context, List.of(mock, mock)))
                .hasMessageContaining("provider type `mock` is claimed by both");
    }
}
