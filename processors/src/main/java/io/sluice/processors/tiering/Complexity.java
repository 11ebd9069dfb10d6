package io.sluice.processors.tiering;

import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How demanding a chat request looks, as a score in [0, 1], so that a tiering rule can send easy
 * requests to a cheaper model. The score is a clamped sum of cheap features: mainly those of the
 * last user message (its length, code, multi-step and reasoning cues, math notation), less for the
 * same cues earlier in the conversation, its number of messages and length, and the length of the
 * system prompt. Cues are matched in English and, at a lower weight, German, French and Spanish.
 *
 * <p>The score is a heuristic, not a judgement of the text: it is deterministic, costs one pass
 * over the characters of each message, and names the features that raised it so that the audit
 * trail can say why a request was tiered. It never logs or keeps the text.
 */
public final class Complexity {
    /** The most each feature of the last user message adds to the score. */
    static final double LENGTH = 0.35;
    static final double CODE = 0.35;
    static final double MULTI_STEP = 0.35;
    static final double REASONING = 0.4;
    static final double MATH = 0.2;
    /** Cues in earlier messages count this much of the same cue in the last user message. */
    static final double HISTORY = 0.4;
    /** The most the conversation's number of messages, its length and the system prompt add. */
    static final double MESSAGES = 0.1;
    static final double CONVERSATION = 0.1;
    static final double SYSTEM = 0.1;
    /** From this many tokens on a text counts as fully long. */
    static final int LONG_TEXT_TOKENS = 2_000;
    /** A feature adding less than this is left out of the reasons. */
    private static final double NEGLIGIBLE = 0.005;

    private Complexity() {}

    /**
     * A complexity score.
     *
     * @param value   in [0, 1], rounded to two decimals
     * @param reasons stable ids of the features that raised it, in a fixed order, always starting
     *                with {@code length:N} (the last user message's approximate tokens), then e.g.
     *                {@code code}, {@code multi_step}, {@code reasoning}, {@code math},
     *                {@code history:code}, {@code messages:N}, {@code conversation:N}, {@code system:N}
     */
    public record Score(double value, List<String> reasons) {
        public Score {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("a complexity score must be in [0, 1], not " + value);
            }
            reasons = List.copyOf(reasons);
        }

        /** The reasons joined by commas, for an audit record. */
        public String reasonText() {
            return String.join(",", reasons);
        }
    }

    /** Scores a request from its messages; other fields play no part. */
    public static Score score(AiRequest request) {
        Objects.requireNonNull(request, "request");
        List<ChatMessage> messages = request.getMessages();
        int last = lastUserMessage(messages);
        TextScan prompt = last < 0 ? TextScan.EMPTY : TextScan.of(messages.get(last).getContent());

        int systemTokens = 0;
        int historyTokens = 0;
        double historyCode = 0;
        double historyMultiStep = 0;
        double historyReasoning = 0;
        double historyMath = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (i == last) {
                continue;
            }
            ChatMessage message = messages.get(i);
            TextScan scan = TextScan.of(message.getContent());
            if (message.getRole() == Role.SYSTEM || message.getRole() == Role.DEVELOPER) {
                systemTokens += scan.tokens();
            } else {
                historyTokens += scan.tokens();
                historyCode = Math.max(historyCode, scan.code());
                historyMultiStep = Math.max(historyMultiStep, scan.multiStep());
                historyReasoning = Math.max(historyReasoning, scan.reasoning());
                historyMath = Math.max(historyMath, scan.math());
            }
        }

        Tally tally = new Tally();
        tally.always("length:" + prompt.tokens(), LENGTH * longness(prompt.tokens()));
        tally.add("code", CODE * prompt.code());
        tally.add("multi_step", MULTI_STEP * prompt.multiStep());
        tally.add("reasoning", REASONING * prompt.reasoning());
        tally.add("math", MATH * prompt.math());
        tally.add("history:code", HISTORY * CODE * historyCode);
        tally.add("history:multi_step", HISTORY * MULTI_STEP * historyMultiStep);
        tally.add("history:reasoning", HISTORY * REASONING * historyReasoning);
        tally.add("history:math", HISTORY * MATH * historyMath);
        tally.add("messages:" + messages.size(), MESSAGES * Math.min(1, Math.max(0, messages.size() - 2) / 10.0));
        tally.add("conversation:" + historyTokens, CONVERSATION * longness(historyTokens));
        tally.add("system:" + systemTokens, SYSTEM * longness(systemTokens));
        return tally.score();
    }

    /** The last user message, else the last message that is not a system prompt; -1 when none. */
    private static int lastUserMessage(List<ChatMessage> messages) {
        int fallback = -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            Role role = messages.get(i).getRole();
            if (role == Role.USER) {
                return i;
            }
            if (fallback < 0 && role != Role.SYSTEM && role != Role.DEVELOPER) {
                fallback = i;
            }
        }
        return fallback;
    }

    /** 0 for no tokens, rising on a log scale to 1 at {@link #LONG_TEXT_TOKENS}. */
    static double longness(int tokens) {
        return Math.min(1, Math.log1p(tokens / 16.0) / Math.log1p(LONG_TEXT_TOKENS / 16.0));
    }

    /** Adds up feature contributions and remembers which ones counted. */
    private static final class Tally {
        private final List<String> reasons = new ArrayList<>();
        private double sum;

        void always(String reason, double contribution) {
            sum += contribution;
            reasons.add(reason);
        }

        void add(String reason, double contribution) {
            if (contribution >= NEGLIGIBLE) {
                sum += contribution;
                reasons.add(reason);
            }
        }

        Score score() {
            return new Score(Math.round(Math.min(1, sum) * 100) / 100.0, reasons);
        }
    }
}
