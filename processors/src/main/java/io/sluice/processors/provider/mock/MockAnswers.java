package io.sluice.processors.provider.mock;

import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.Role;
import io.sluice.avro.Usage;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock's answers, pure functions of the call.
 *
 * <ul>
 *   <li>{@code mock-error-<status>} with a status from 400 to 599: a {@link ProviderError} with
 *       that status, classified as {@link ProviderError#forStatus} does (5xx and 408 retryable,
 *       429 retryable after 1 s, other 4xx not retryable);
 *   <li>any other model name, {@code mock-echo} included: the echo.
 * </ul>
 *
 * <p>Streamed, the echo comes in {@link #pieces}: each a word with the whitespace after it, so that
 * their concatenation is exactly the non-streamed answer.
 *
 * <p>The echo answers with the content of the last user message (or of the last message if no
 * user spoke), {@code n} times, with finish reason {@code stop}. When {@code max_tokens} is set
 * and the answer has more words, it is cut to that many words, joined by single spaces, with
 * finish reason {@code length}. Tokens are counted deterministically, a token being a
 * whitespace-separated word: prompt tokens are the words of every message plus 3 per message;
 * completion tokens are the words of the answer times the number of choices.
 */
final class MockAnswers {
    static final int TOKENS_PER_MESSAGE = 3;
    static final Duration RATE_LIMIT_RETRY_AFTER = Duration.ofSeconds(1);

    private static final Pattern ERROR_MODEL = Pattern.compile("mock-error-(\\d{3})");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern WORD_AND_SPACE = Pattern.compile("\\s*\\S+\\s*");

    private MockAnswers() {}

    static ProviderResult answer(ProviderCall call) {
        Matcher error = ERROR_MODEL.matcher(call.upstreamModel());
        if (error.matches()) {
            int status = Integer.parseInt(error.group(1));
            if (status >= 400 && status <= 599) {
                return error(call.upstreamModel(), status);
            }
        }
        return echo(call);
    }

    static ProviderError error(String model, int status) {
        return ProviderError.forStatus(MockProviderFactory.TYPE, status, null, "mock_error",
                "mock model " + model + " fails with HTTP " + status + " by design",
                status == 429 ? RATE_LIMIT_RETRY_AFTER : null);
    }

    static Completion echo(ProviderCall call) {
        AiRequest request = call.request();
        String content = lastUserContent(request.getMessages());
        List<String> words = words(content);
        String finishReason = "stop";
        Integer maxTokens = request.getParams().getMaxTokens();
        if (maxTokens != null && words.size() > maxTokens) {
            words = words.subList(0, maxTokens);
            content = String.join(" ", words);
            finishReason = "length";
        }
        int n = request.getParams().getN() == null ? 1 : Math.max(1, request.getParams().getN());
        var choices = new ArrayList<Choice>(n);
        for (int i = 0; i < n; i++) {
            var message = ChatMessage.newBuilder().setRole(Role.ASSISTANT).setContent(content).build();
            choices.add(Choice.newBuilder().setIndex(i).setMessage(message).setFinishReason(finishReason).build());
        }
        int promptTokens = request.getMessages().stream()
                .mapToInt(message -> words(message.getContent()).size() + TOKENS_PER_MESSAGE)
                .sum();
        int completionTokens = words.size() * n;
        var usage = Usage.newBuilder()
                .setPromptTokens(promptTokens)
                .setCompletionTokens(completionTokens)
                .setTotalTokens(promptTokens + completionTokens)
                .build();
        return new Completion(call.upstreamModel(), "mockcmpl-" + request.getRequestId(), choices, usage);
    }

    /**
     * The text cut into pieces of one word each with the whitespace that follows it (the first
     * also carries any leading whitespace); joined, they are the text again. Blank text has none.
     */
    static List<String> pieces(String text) {
        var pieces = new ArrayList<String>();
        Matcher matcher = WORD_AND_SPACE.matcher(text);
        while (matcher.find()) {
            pieces.add(matcher.group());
        }
        return pieces;
    }

    /** The content of an echo's first choice. */
    static String content(Completion echo) {
        return echo.choices().isEmpty() ? "" : echo.choices().get(0).getMessage().getContent();
    }

    /** What {@code mock-stream-error} ends with after its first chunks: the stream broke, retryable. */
    static ProviderError streamBroke(String model) {
        return ProviderError.forStatus(MockProviderFactory.TYPE, 500, null, "mock_stream_error",
                "mock model " + model + " breaks its stream by design", null);
    }

    static List<String> words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(WHITESPACE.split(trimmed));
    }

    private static String lastUserContent(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).getRole() == Role.USER) {
                return messages.get(i).getContent();
            }
        }
        return messages.isEmpty() ? "" : messages.get(messages.size() - 1).getContent();
    }
}
