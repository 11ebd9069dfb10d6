package io.sluice.processors.tiering;

import static io.sluice.processors.provider.TestRequests.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.TestRequests;
import io.sluice.processors.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The complexity score: easy prompts low, demanding ones high, and the reasons say why. */
class ComplexityTest {
    private static final String CODE_REVIEW = """
            Please review this Java method for bugs and style problems:
            ```java
            public static int average(int[] values) {
                int sum = 0;
                for (int i = 0; i <= values.length; i++) {
                    sum += values[i];
                }
                return sum / values.length;
            }
            ```
            """;
    private static final String PLANNING = """
            We are moving our billing monolith to Kafka. Make a migration plan:
            1. list the services to carve out
            2. decide the topic layout and keys
            3. plan the dual-write period and the cut-over
            4. describe the rollback
            """;
    private static final String PROOF = "Prove that for every n ≥ 1, ∑_{k=1}^{n} k = n(n+1)/2.";

    private static Complexity.Score score(String userText) {
        return Complexity.score(TestRequests.request("r1", userText).build());
    }

    private static AiRequest conversation(String... turns) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(message(Role.SYSTEM, "You are terse."));
        for (int i = 0; i < turns.length; i++) {
            messages.add(message(i % 2 == 0 ? Role.USER : Role.ASSISTANT, turns[i]));
        }
        return TestRequests.request("r1", "unused").setMessages(messages).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi!", "Hello, how are you?", "Thanks a lot :)", "Guten Morgen!", "¡Hola! ¿Qué tal?"})
    void greetingsScoreLow(String greeting) {
        Complexity.Score score = score(greeting);

        assertThat(score.value()).isLessThan(0.1);
        assertThat(score.reasons()).first().asString().startsWith("length:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"What is the capital of France?", "Who wrote Hamlet?", "How many days are in a leap year?",
            "Translate 'good night' into Italian.", "When did the Berlin wall fall?"})
    void shortFactualQuestionsScoreLow(String question) {
        assertThat(score(question).value()).isLessThan(0.15);
    }

    @Test
    void aCodeReviewWithACodeBlockScoresHigh() {
        Complexity.Score score = score(CODE_REVIEW);

        assertThat(score.value()).isGreaterThanOrEqualTo(0.6);
        assertThat(score.reasons()).contains("code", "reasoning");
    }

    @Test
    void codeWithoutAFenceIsStillRecognisedByItsSyntax() {
        String pasted = "why does this fail?\n\n    if (user != null && user.isActive()) {\n"
                + "        repo.save(user);\n    }\n    return result == null ? fallback() : result;\n";

        assertThat(score(pasted).reasons()).contains("code");
    }

    @Test
    void proseWithAFewCodeLikeWordsIsNotCode() {
        Complexity.Score score = score("I need to return a dress I bought for my dance class; it is the public holiday.");

        assertThat(score.reasons()).doesNotContain("code");
    }

    @Test
    void multiStepPlanningScoresHigh() {
        Complexity.Score score = score(PLANNING);

        assertThat(score.value()).isGreaterThanOrEqualTo(0.45);
        assertThat(score.reasons()).contains("multi_step");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Explain step by step how to set up TLS on nginx.",
        "First install the package, then configure the proxy.",
        "Do this:\n- back up the database\n- stop the service\n- upgrade the binary\n"})
    void multiStepCuesAreRecognised(String text) {
        assertThat(score(text).reasons()).contains("multi_step");
    }

    @Test
    void aMathProofScoresHigh() {
        Complexity.Score score = score(PROOF);

        assertThat(score.value()).isGreaterThanOrEqualTo(0.5);
        assertThat(score.reasons()).contains("reasoning", "math");
    }

    @Test
    void texNotationCountsAsMath() {
        assertThat(score("Derive \\frac{d}{dx} x^2 \\sin x").reasons()).contains("math", "reasoning");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Beweise Schritt für Schritt, dass die Wurzel aus 2 irrational ist.",
        "Démontrez étape par étape que la racine de 2 est irrationnelle.",
        "Demuestra paso a paso que la raíz de 2 es irracional."})
    void cuesInGermanFrenchAndSpanishCount(String text) {
        Complexity.Score score = score(text);

        assertThat(score.reasons()).contains("reasoning", "multi_step");
        assertThat(score.value()).isGreaterThanOrEqualTo(0.4);
    }

    @Test
    void aCueInAnotherLanguageWeighsLessThanInEnglish() {
        Complexity.Score english = score("Prove it step by step.");
        Complexity.Score german = score("Beweise es Schritt für Schritt.");

        assertThat(german.value()).isGreaterThan(0).isLessThan(english.value());
    }

    @Test
    void addingDemandsNeverLowersTheScore() {
        String base = "Summarise the attached notes about our quarterly sales.";
        double plain = score(base).value();
        double longer = score(base + " Include the regional figures and the outlook for next year.").value();
        double compared = score(base + " Compare the regions and analyze why the north fell behind.").value();
        double planned = score(base + " Compare the regions and analyze why the north fell behind."
                + " Then, step by step, propose a plan:\n1. pricing\n2. staffing\n3. marketing").value();

        assertThat(plain).isLessThanOrEqualTo(longer);
        assertThat(longer).isLessThan(compared);
        assertThat(compared).isLessThan(planned);
    }

    @Test
    void theOrderOfObviousCasesHolds() {
        double greeting = score("Hi!").value();
        double factual = score("What is the capital of France?").value();
        double review = score(CODE_REVIEW).value();

        assertThat(greeting).isLessThanOrEqualTo(factual);
        assertThat(factual).isLessThan(review);
        assertThat(factual).isLessThan(score(PLANNING).value());
        assertThat(factual).isLessThan(score(PROOF).value());
    }

    @Test
    void aLongerPromptScoresHigherUntilItSaturates() {
        String sentence = "The quick brown fox jumps over the lazy dog. ";

        double one = score(sentence).value();
        double ten = score(sentence.repeat(10)).value();
        double hundred = score(sentence.repeat(100)).value();
        double thousand = score(sentence.repeat(1000)).value();

        assertThat(one).isLessThan(ten);
        assertThat(ten).isLessThan(hundred);
        assertThat(hundred).isLessThanOrEqualTo(thousand);
        assertThat(thousand).isLessThanOrEqualTo(Complexity.LENGTH + 0.01);
    }

    @Test
    void theLengthReasonApproximatesTheTokenizer() {
        String prose = """
                Kafka Streams keeps per-tenant state in local stores backed by changelog topics, so a
                restarted instance restores what it had before it resumes processing records.
                """;
        for (String text : List.of(prose, CODE_REVIEW, PLANNING)) {
            int exact = TokenCounter.count(text);
            String reason = score(text).reasons().get(0);
            int approximate = Integer.parseInt(reason.substring("length:".length()));

            assertThat(approximate).as(text).isBetween(exact * 2 / 3, exact * 3 / 2);
        }
    }

    @Test
    void earlierTurnsCountLessThanTheLastOne() {
        AiRequest followUp = conversation(CODE_REVIEW, "The loop reads past the end of the array.", "Thanks, and why?");
        AiRequest fresh = conversation("Thanks, and why?");

        Complexity.Score score = Complexity.score(followUp);

        assertThat(score.reasons()).contains("history:code", "messages:4").doesNotContain("code");
        assertThat(score.value()).isGreaterThan(Complexity.score(fresh).value());
        assertThat(score.value()).isLessThan(score(CODE_REVIEW).value());
    }

    @Test
    void aLongSystemPromptRaisesTheScore() {
        AiRequest shortSystem = TestRequests.request("r1", "Hello").build();
        AiRequest longSystem = TestRequests.request("r1", "Hello")
                .setMessages(List.of(message(Role.SYSTEM, "You are a careful support agent. ".repeat(60)),
                        message(Role.USER, "Hello")))
                .build();

        Complexity.Score score = Complexity.score(longSystem);

        assertThat(score.value()).isGreaterThan(Complexity.score(shortSystem).value());
        assertThat(score.reasons()).anySatisfy(reason -> assertThat(reason).startsWith("system:"));
    }

    @Test
    void onlyTheMessagesMatter() {
        AiRequest request = TestRequests.request("r1", PROOF).build();
        AiRequest other = AiRequest.newBuilder(request).setRequestId("r2").setModel("gpt-4o").setUser("bob")
                .setParams(SamplingParams.newBuilder().setTemperature(0.9).setMaxTokens(10).build()).build();

        assertThat(Complexity.score(other)).isEqualTo(Complexity.score(request));
    }

    @Test
    void aRequestWithoutAUserMessageScoresItsOtherMessages() {
        AiRequest request = TestRequests.request("r1", "x")
                .setMessages(List.of(message(Role.SYSTEM, "Sum up."), message(Role.ASSISTANT, PROOF)))
                .build();

        assertThat(Complexity.score(request).reasons()).contains("reasoning");
    }

    @Test
    void anEmptyConversationScoresZero() {
        AiRequest request = TestRequests.request("r1", "x").setMessages(List.of()).build();

        assertThat(Complexity.score(request)).isEqualTo(new Complexity.Score(0, List.of("length:0")));
    }

    @Test
    void hostileInputStaysInRangeAndSaturates() {
        String hostile = "`".repeat(10_000) + "1.".repeat(10_000) + "\\frac".repeat(5_000) + "a".repeat(100_000)
                + "∑".repeat(10_000) + "prove why ".repeat(5_000);

        Complexity.Score score = score(hostile);

        assertThat(score.value()).isEqualTo(1.0);
        assertThat(score.reasons()).contains("code", "reasoning", "math");
    }
}
