package io.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * The mock's streamed wire format, as pure functions: OpenAI server-sent events, each
 * {@code data: <chat.completion.chunk>} and a blank line. A stream is a role chunk (empty content, as
 * OpenAI sends first), {@code n} content chunks of {@link #CONTENT}, a chunk with the finish reason,
 * the usage chunk ({@code "choices": []}) when the request asked for it, and {@code data: [DONE]}. With
 * usage asked for, every other chunk carries {@code "usage": null}, as OpenAI's do.
 */
final class MockChunks {

    /** What every content chunk says. */
    static final String CONTENT = "pong ";

    private static final byte[] DATA = ascii("data: ");
    private static final byte[] EVENT_END = ascii("\n\n");
    private static final byte[] DONE = ascii("data: [DONE]\n\n");
    private static final byte[] HEAD_ID = ascii("{\"id\":\"chatcmpl-bench-");
    private static final byte[] HEAD_CREATED = ascii("\",\"object\":\"chat.completion.chunk\",\"created\":");
    private static final byte[] HEAD_MODEL = ascii(",\"model\":\"");
    private static final byte[] HEAD_END = ascii("\",\"system_fingerprint\":null,");
    private static final byte[] ROLE = ascii("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
            + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]");
    private static final byte[] TOKEN = ascii("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + CONTENT + "\"},"
            + "\"logprobs\":null,\"finish_reason\":null}]");
    private static final byte[] FINISH = ascii("\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
            + "\"finish_reason\":\"stop\"}]");
    private static final byte[] NULL_USAGE = ascii(",\"usage\":null}");
    private static final byte[] NO_USAGE = ascii("}");
    private static final byte[] USAGE_PROMPT = ascii("\"choices\":[],\"usage\":{\"prompt_tokens\":"
            + MockCompletions.PROMPT_TOKENS + ",\"completion_tokens\":");
    private static final byte[] USAGE_TOTAL = ascii(",\"total_tokens\":");
    private static final byte[] USAGE_END = ascii("}}");

    private MockChunks() {
    }

    /** The start every chunk of one stream shares: id, object, created, model, system_fingerprint. */
    static byte[] head(long id, long createdEpochSeconds, byte[] model) {
        return concat(HEAD_ID, ascii(Long.toString(id)), HEAD_CREATED, ascii(Long.toString(createdEpochSeconds)),
                HEAD_MODEL, model, HEAD_END);
    }

    /** The first event: the assistant role and empty content. */
    static ByteBuf role(ByteBufAllocator alloc, byte[] head, boolean includeUsage) {
        return event(alloc, head, ROLE, includeUsage);
    }

    /** One content event ({@link #CONTENT}). */
    static ByteBuf token(ByteBufAllocator alloc, byte[] head, boolean includeUsage) {
        return event(alloc, head, TOKEN, includeUsage);
    }

    /** The event with {@code "finish_reason": "stop"} and an empty delta. */
    static ByteBuf finish(ByteBufAllocator alloc, byte[] head, boolean includeUsage) {
        return event(alloc, head, FINISH, includeUsage);
    }

    /** The usage event: no choices, {@code completionTokens} (one per content chunk). */
    static ByteBuf usage(ByteBufAllocator alloc, byte[] head, int completionTokens) {
        ByteBuf out = alloc.buffer(DATA.length + head.length + USAGE_PROMPT.length + 40);
        out.writeBytes(DATA).writeBytes(head).writeBytes(USAGE_PROMPT);
        ByteBufUtil.writeAscii(out, Integer.toString(completionTokens));
        out.writeBytes(USAGE_TOTAL);
        ByteBufUtil.writeAscii(out, Integer.toString(MockCompletions.PROMPT_TOKENS + completionTokens));
        return out.writeBytes(USAGE_END).writeBytes(EVENT_END);
    }

    /** {@code data: [DONE]}, the end of every stream that finished. */
    static ByteBuf done(ByteBufAllocator alloc) {
        return alloc.buffer(DONE.length).writeBytes(DONE);
    }

    private static ByteBuf event(ByteBufAllocator alloc, byte[] head, byte[] choices, boolean includeUsage) {
        byte[] end = includeUsage ? NULL_USAGE : NO_USAGE;
        ByteBuf out = alloc.buffer(DATA.length + head.length + choices.length + end.length + EVENT_END.length);
        return out.writeBytes(DATA).writeBytes(head).writeBytes(choices).writeBytes(end).writeBytes(EVENT_END);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
