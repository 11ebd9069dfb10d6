package io.sluice.processors.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Usage;

/**
 * Token counts Sluice makes itself: before a call (limits, budgets) and when the provider reported
 * none (a stream aborted because its requester went away still cost the prompt and every token sent
 * so far). Counted with {@code o200k_base} (the tokenizer of OpenAI's current models) plus OpenAI's
 * per-message framing of 3 tokens and 3 for the reply's priming; for other providers' models it is
 * an estimate, and a usage built here says so.
 */
public final class TokenCounter {
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int REPLY_PRIMING = 3;

    private TokenCounter() {}

    private static final class Tokenizer {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /** The estimated input tokens of a request: its messages with their framing. */
    public static int promptTokens(AiRequest request) {
        int prompt = REPLY_PRIMING;
        for (ChatMessage message : request.getMessages()) {
            prompt += TOKENS_PER_MESSAGE + count(message.getContent()) + count(message.getName());
        }
        return prompt;
    }

    /** An estimated usage: the request's prompt and {@code completion} as the answer so far. */
    public static Usage estimate(AiRequest request, String completion) {
        int prompt = promptTokens(request);
        int completionTokens = count(completion);
        return Usage.newBuilder()
                .setPromptTokens(prompt)
                .setCompletionTokens(completionTokens)
                .setTotalTokens(prompt + completionTokens)
                .setEstimated(true)
                .build();
    }

    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : Tokenizer.O200K.countTokensOrdinary(text);
    }
}
