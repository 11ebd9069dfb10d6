package io.sluice.processors.cache;

import static io.sluice.processors.provider.TestRequests.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Priority;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.avro.Target;
import io.sluice.processors.provider.TestRequests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cache keys: every field that changes the answer changes the key, nothing else does, and tenants never share. */
class CacheKeysTest {

    /** Everything a key is made of; tests change one part at a time. */
    record Input(String tenant, AiRequest request, Target target, String promptVersion, String sanitizerVersion) {
        String key() {
            return CacheKeys.of(tenant, request, target, promptVersion, sanitizerVersion);
        }

        Input request(Consumer<AiRequest.Builder> change) {
            AiRequest.Builder builder = AiRequest.newBuilder(request);
            change.accept(builder);
            return new Input(tenant, builder.build(), target, promptVersion, sanitizerVersion);
        }

        Input params(Consumer<SamplingParams.Builder> change) {
            SamplingParams.Builder builder = SamplingParams.newBuilder(request.getParams());
            change.accept(builder);
            return request(r -> r.setParams(builder.build()));
        }

        Input messages(UnaryOperator<List<ChatMessage>> change) {
            return request(r -> r.setMessages(change.apply(new ArrayList<>(request.getMessages()))));
        }

        Input lastMessage(Consumer<ChatMessage.Builder> change) {
            return messages(list -> {
                ChatMessage.Builder builder = ChatMessage.newBuilder(list.get(list.size() - 1));
                change.accept(builder);
                list.set(list.size() - 1, builder.build());
                return list;
            });
        }

        Input target(Consumer<Target.Builder> change) {
            Target.Builder builder = Target.newBuilder(target);
            change.accept(builder);
            return new Input(tenant, request, builder.build(), promptVersion, sanitizerVersion);
        }
    }

    private static final Input BASE = new Input("acme",
            TestRequests.request("r1", "What is a monad?")
                    .setParams(SamplingParams.newBuilder()
                            .setTemperature(0.0).setTopP(1.0).setMaxTokens(256).setN(1)
                            .setStop(List.of("END", "STOP"))
                            .setPresencePenalty(0.0).setFrequencyPenalty(0.5).setSeed(42L)
                            .setLogitBias(Map.of("50256", -100, "1234", 5))
                            .setResponseFormat("{\"type\":\"text\"}")
                            .build())
                    .setMetadata(Map.of("team", "search"))
                    .build(),
            Target.newBuilder().setModel("gpt-4o").setDeployment("azure-eu").setProvider("azure-openai")
                    .setUpstreamModel("gpt-4o-2024-08-06").setRegion("eu").build(),
            "v3", "sanitize-7");

    private static Named<UnaryOperator<Input>> change(String field, UnaryOperator<Input> change) {
        return named(field, change);
    }

    static Stream<Named<UnaryOperator<Input>>> outputChanges() {
        return Stream.of(
                change("tenant", in -> new Input("globex", in.request(), in.target(), in.promptVersion(), in.sanitizerVersion())),
                change("resolved model", in -> in.target(t -> t.setModel("gpt-4o-mini"))),
                change("deployment", in -> in.target(t -> t.setDeployment("openai-us"))),
                change("provider", in -> in.target(t -> t.setProvider("openai"))),
                change("upstream model", in -> in.target(t -> t.setUpstreamModel("gpt-4o-2024-11-20"))),
                change("message content", in -> in.lastMessage(m -> m.setContent("What is a functor?"))),
                change("message content whitespace", in -> in.lastMessage(m -> m.setContent("What is a monad? "))),
                change("message role", in -> in.lastMessage(m -> m.setRole(Role.ASSISTANT))),
                change("message name", in -> in.lastMessage(m -> m.setName("alice"))),
                change("message name empty", in -> in.lastMessage(m -> m.setName(""))),
                change("message added", in -> in.messages(list -> {
                    list.add(message(Role.USER, "And a functor?"));
                    return list;
                })),
                change("message removed", in -> in.messages(list -> List.of(list.get(1)))),
                change("message order", in -> in.messages(list -> List.of(list.get(1), list.get(0)))),
                change("temperature", in -> in.params(p -> p.setTemperature(0.2))),
                change("temperature unset", in -> in.params(p -> p.setTemperature(null))),
                change("top_p", in -> in.params(p -> p.setTopP(0.9))),
                change("max_tokens", in -> in.params(p -> p.setMaxTokens(512))),
                change("max_tokens unset", in -> in.params(p -> p.setMaxTokens(null))),
                change("n", in -> in.params(p -> p.setN(2))),
                change("stop", in -> in.params(p -> p.setStop(List.of("END")))),
                change("stop order", in -> in.params(p -> p.setStop(List.of("STOP", "END")))),
                change("presence_penalty", in -> in.params(p -> p.setPresencePenalty(0.1))),
                change("presence_penalty unset", in -> in.params(p -> p.setPresencePenalty(null))),
                change("frequency_penalty", in -> in.params(p -> p.setFrequencyPenalty(0.6))),
                change("seed", in -> in.params(p -> p.setSeed(43L))),
                change("seed unset", in -> in.params(p -> p.setSeed(null))),
                change("logit_bias value", in -> in.params(p -> p.setLogitBias(Map.of("50256", -99, "1234", 5)))),
                change("logit_bias token", in -> in.params(p -> p.setLogitBias(Map.of("50257", -100, "1234", 5)))),
                change("logit_bias empty", in -> in.params(p -> p.setLogitBias(Map.of()))),
                change("response_format", in -> in.params(p -> p.setResponseFormat("{\"type\":\"json_object\"}"))),
                change("response_format unset", in -> in.params(p -> p.setResponseFormat(null))),
                change("prompt version", in -> new Input(in.tenant(), in.request(), in.target(), "v4", in.sanitizerVersion())),
                change("prompt version unset", in -> new Input(in.tenant(), in.request(), in.target(), null, in.sanitizerVersion())),
                change("sanitizer policy version", in -> new Input(in.tenant(), in.request(), in.target(), in.promptVersion(), "sanitize-8")),
                change("sanitizer policy version unset", in -> new Input(in.tenant(), in.request(), in.target(), in.promptVersion(), null)));
    }

    static Stream<Named<UnaryOperator<Input>>> irrelevantChanges() {
        return Stream.of(
                change("request id", in -> in.request(r -> r.setRequestId("r2"))),
                change("user", in -> in.request(r -> r.setUser("bob"))),
                change("app", in -> in.request(r -> r.setAppId("batch"))),
                change("api key", in -> in.request(r -> r.setApiKeyId("acme-batch"))),
                change("requested model (an alias of the same target)", in -> in.request(r -> r.setModel("best"))),
                change("stream", in -> in.request(r -> r.setStream(true).setStreamIncludeUsage(true))),
                change("priority", in -> in.request(r -> r.setPriority(Priority.BATCH).setBatchId("b1"))),
                change("reply address", in -> in.request(r -> r.setReplyTo(
                        ReplyAddress.newBuilder().setTopic("sluice.replies").setPartition(3).build()))),
                change("received at", in -> in.request(r -> r.setReceivedAt(Instant.parse("2030-01-01T00:00:00Z")))),
                change("idempotency key", in -> in.request(r -> r.setIdempotencyKey("k-1"))),
                change("metadata", in -> in.request(r -> r.setMetadata(Map.of("team", "ads", "trace", "t-9")))),
                change("target region and weight", in -> in.target(t -> t.setRegion("us").setWeight(5).setTier(1))),
                change("logit_bias insertion order", in -> in.params(p -> {
                    Map<String, Integer> reversed = new LinkedHashMap<>();
                    reversed.put("1234", 5);
                    reversed.put("50256", -100);
                    p.setLogitBias(reversed);
                })),
                change("0 written as -0.0", in -> in.params(p -> p.setTemperature(-0.0).setPresencePenalty(-0.0))));
    }

    @ParameterizedTest
    @MethodSource("outputChanges")
    void changingAFieldThatShapesTheAnswerChangesTheKey(UnaryOperator<Input> change) {
        String before = BASE.key();

        String after = change.apply(BASE).key();

        assertThat(after).isNotEqualTo(before).matches("[0-9a-f]{64}");
    }

    @ParameterizedTest
    @MethodSource("irrelevantChanges")
    void changingAFieldThatDoesNotShapeTheAnswerKeepsTheKey(UnaryOperator<Input> change) {
        assertThat(change.apply(BASE).key()).isEqualTo(BASE.key());
    }

    @Test
    void theSameRequestOfTwoTenantsHasTwoKeys() {
        Input a = new Input("tenant-a", BASE.request(), BASE.target(), null, null);
        Input b = new Input("tenant-b", BASE.request(), BASE.target(), null, null);

        assertThat(a.key()).isNotEqualTo(b.key());
    }

    @Test
    void theKeyIsStable() {
        assertThat(BASE.key()).isEqualTo(BASE.request(r -> { }).key()).hasSize(64);
    }

    @Test
    void splittingTextDifferentlyAcrossMessagesGivesDifferentKeys() {
        Input abC = BASE.messages(list -> List.of(message(Role.USER, "ab"), message(Role.USER, "c")));
        Input aBc = BASE.messages(list -> List.of(message(Role.USER, "a"), message(Role.USER, "bc")));

        assertThat(abC.key()).isNotEqualTo(aBc.key());
    }

    @Test
    void splittingTextDifferentlyAcrossStopSequencesGivesDifferentKeys() {
        Input joined = BASE.params(p -> p.setStop(List.of("a,b")));
        Input split = BASE.params(p -> p.setStop(List.of("a", "b")));

        assertThat(joined.key()).isNotEqualTo(split.key());
    }

    @Test
    void textCannotSlideBetweenAdjacentFields() {
        Input first = new Input("acme", BASE.request(), BASE.target(), "v1", "x");
        Input second = new Input("acme", BASE.request(), BASE.target(), "v1x", "");

        assertThat(first.key()).isNotEqualTo(second.key());
    }

    @Test
    void anUnsetValueDiffersFromZero() {
        Input unset = BASE.params(p -> p.setPresencePenalty(null));
        Input zero = BASE.params(p -> p.setPresencePenalty(0.0));

        assertThat(unset.key()).isNotEqualTo(zero.key());
        assertThat(BASE.params(p -> p.setSeed(null)).key()).isNotEqualTo(BASE.params(p -> p.setSeed(0L)).key());
    }
}
