package io.sluice.processors.gateway;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AuditAction;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.PromptRecord;
import io.sluice.avro.PromptRef;
import io.sluice.avro.PromptVersion;
import io.sluice.avro.Role;
import io.sluice.schemas.ErrorTypes;
import io.sluice.schemas.prompts.PromptException;
import io.sluice.schemas.prompts.PromptRecords;
import io.sluice.schemas.prompts.PromptRendering;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The render stage: a request that references a published prompt ({@code prompt: {name, version |
 * label, variables}}) gets the version's system prompt, rendered with its variables, in front of
 * its messages, and goes on with {@code prompt.version} set to the version served (a label's A/B
 * split is decided by the request id, so a replay is served the same version). It runs right after
 * admission and before rate limits and sanitizing, so that the tokens counted and reserved are
 * those sent, and the variable values, which are caller input placed in the system prompt, are
 * inspected and masked like any message. The prompts come from the {@code prompts-registry} global
 * store over the compacted {@code prompts} topic.
 */
final class RenderPrompt implements FixedKeyProcessor<String, Decision, Decision> {
    private final GatewayStages stages;
    private FixedKeyProcessorContext<String, Decision> context;
    private TimestampedKeyValueStore<String, PromptRecord> prompts;

    RenderPrompt(GatewayStages stages) {
        this.stages = stages;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decision> context) {
        this.context = context;
        this.prompts = context.getStateStore(GatewayStores.PROMPTS);
    }

    @Override
    public void process(FixedKeyRecord<String, Decision> record) {
        context.forward(record.withValue(render(stages, record.value(),
                name -> Optional.ofNullable(prompts.get(name)).map(ValueAndTimestamp::value))));
    }

    /** The decision with its prompt rendered, or refused (404 unknown prompt, version or label; 400 variables). */
    static Decision render(GatewayStages stages, Decision decision, Function<String, Optional<PromptRecord>> prompts) {
        if (!(decision instanceof Decision.Pending pending) || pending.request().getPrompt() == null) {
            return decision;
        }
        AiRequest request = pending.request();
        PromptRef ref = request.getPrompt();
        Optional<PromptRecord> record = prompts.apply(ref.getName());
        if (record.isEmpty()) {
            return stages.reject(pending, new ErrorInfo(404, ErrorTypes.INVALID_REQUEST, "prompt_not_found",
                    "No prompt named `" + ref.getName() + "` is published.", "prompt.name", null));
        }
        PromptVersion version;
        String system;
        try {
            version = PromptRecords.resolve(record.get(), ref.getVersion(), ref.getLabel(), request.getRequestId());
            system = PromptRendering.system(version, ref.getVariables());
        } catch (PromptException e) {
            return stages.reject(pending, new ErrorInfo(e.status(), ErrorTypes.INVALID_REQUEST, e.code(),
                    e.getMessage(), e.param(), null));
        }
        List<ChatMessage> messages = new ArrayList<>(request.getMessages().size() + 1);
        messages.add(ChatMessage.newBuilder().setRole(Role.SYSTEM).setContent(system).build());
        messages.addAll(request.getMessages());
        AiRequest rendered = AiRequest.newBuilder(request).setMessages(messages)
                .setPrompt(PromptRef.newBuilder(ref).setVersion(version.getVersion()).build())
                .build();
        var details = new java.util.HashMap<String, String>();
        details.put("prompt", ref.getName());
        details.put("version", version.getVersion());
        details.put("content_hash", version.getContentHash());
        if (ref.getVersion() == null) {
            details.put("label", ref.getLabel() == null ? PromptRecords.DEFAULT_LABEL : ref.getLabel());
        }
        return pending.resolved(rendered, stages.event(rendered, AuditAction.OTHER)
                .setEventId(request.getRequestId() + ":PROMPT")
                .setReason("prompt_rendered")
                .setDetails(Map.copyOf(details))
                .build());
    }
}
