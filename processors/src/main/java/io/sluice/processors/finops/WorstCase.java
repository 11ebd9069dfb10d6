package io.sluice.processors.finops;

import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Price;
import io.sluice.avro.Priority;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The most one request can cost on any of its targets: its input tokens (counted like OpenAI for
 * providers that tokenize like OpenAI, bounded by its UTF-8 size otherwise) plus its output
 * allowance, at each target's price (the batch price for batch requests). What the gateway
 * reserves at admission, and what a batch's submission is checked against.
 */
public final class WorstCase {
    /** Providers whose models count tokens like OpenAI's o200k encoding, which jtokkit implements. */
    private static final Set<String> OPENAI_TOKENS = Set.of("openai", "azure-openai", "mock");

    /** A target that may answer: its provider (for the tokenizer) and its price (null: free). */
    public record Priced(String provider, Price price) {}

    private WorstCase() {}

    /**
     * @param outputTokens the output allowance: {@code max_tokens}, or the default when it has none
     * @param promptTokens the OpenAI-style count of the prompt, asked at most once
     */
    public static long micros(AiRequest request, List<Priced> targets, long outputTokens, IntSupplier promptTokens) {
        boolean batch = request.getPriority() == Priority.BATCH;
        long worst = 0;
        Long openAiInput = null;
        Long anyInput = null;
        for (Priced target : targets) {
            if (target.price() == null) {
                continue;
            }
            long input;
            if (OPENAI_TOKENS.contains(target.provider())) {
                openAiInput = openAiInput == null ? withMargin(promptTokens.getAsInt()) : openAiInput;
                input = openAiInput;
            } else {
                anyInput = anyInput == null ? byteBound(request) : anyInput;
                input = anyInput;
            }
            worst = Math.max(worst, Prices.worstCaseMicros(target.price(), input, outputTokens, batch));
        }
        return worst;
    }

    /** jtokkit's count plus a tenth and 16 tokens, for encodings that differ slightly between models. */
    private static long withMargin(int tokens) {
        return tokens + tokens / 10 + 16;
    }

    /**
     * For tokenizers Sluice does not know: the UTF-8 size of every message plus a few tokens per
     * message. Byte-level BPE and SentencePiece tokens each cover at least one byte, so no such
     * tokenizer counts more.
     */
    private static long byteBound(AiRequest request) {
        long bytes = 16;
        for (ChatMessage message : request.getMessages()) {
            bytes += message.getContent().getBytes(StandardCharsets.UTF_8).length + 8;
            if (message.getName() != null) {
                bytes += message.getName().length() + 4;
            }
        }
        return bytes;
    }
}
