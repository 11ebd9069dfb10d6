package io.sluice.processors.invoker;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Usage;

/**
 * Token counts for when the provider reported none: a stream aborted because its requester went
 * away still cost the prompt and every token sent so far. Counted with {@code o200k_base} (the
 * tokenizer of OpenAI's current models) plus OpenAI's per-message framing of 3 tokens and 3 for the
 * reply's priming; for other providers' models it is an estimate, and the usage says so.
 */
final class UsageEstimate {
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int REPLY_PRIMING = 3;

    private UsageEstimate() {}

    private static final class Tokenizer {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    static Usage of(AiRequest request, String completion) {
        int prompt = REPLY_PRIMING;
        for (ChatMessage message : request.getMessages()) {
            prompt += TOKENS_PER_MESSAGE + count(message.getContent()) + count(message.getName());
        }
        int completionTokens = count(completion);
        return Usage.newBuilder()
                .setPromptTokens(prompt)
                .setCompletionTokens(completionTokens)
                .setTotalTokens(prompt + completionTokens)
                .setEstimated(true)
                .build();
    }

    static int count(String text) {
        return text == null || text.isEmpty() ? 0 : Tokenizer.O200K.countTokensOrdinary(text);
    }
}
