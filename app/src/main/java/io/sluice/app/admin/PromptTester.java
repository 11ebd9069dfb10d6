package io.sluice.app.admin;

import io.sluice.avro.ChatMessage;
import io.sluice.avro.PromptAssertion;
import io.sluice.avro.PromptTest;
import io.sluice.avro.Role;
import io.sluice.schemas.prompts.PromptException;
import io.sluice.schemas.prompts.PromptRendering;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs a prompt version's tests: renders its system prompt with each test's variables, sends it
 * (with the test's user message, if any) to a model, and checks every assertion on the answer.
 */
final class PromptTester {
    /** A model to send rendered prompts to. */
    interface Model {
        Answer ask(List<ChatMessage> messages) throws Exception;
    }

    /** The answer's text and the completion tokens it took. */
    record Answer(String text, int completionTokens) {}

    /** One test's outcome: the assertions that failed, each with why (none when it passed). */
    record Outcome(String prompt, String test, List<String> failures) {
        boolean passed() {
            return failures.isEmpty();
        }
    }

    private final Model model;

    PromptTester(Model model) {
        this.model = model;
    }

    List<Outcome> run(PromptFiles.PromptFile file) {
        List<Outcome> outcomes = new ArrayList<>();
        for (PromptTest test : file.version().getTests()) {
            outcomes.add(new Outcome(file.id(), test.getName(), failures(file, test)));
        }
        return outcomes;
    }

    private List<String> failures(PromptFiles.PromptFile file, PromptTest test) {
        List<ChatMessage> messages = new ArrayList<>();
        try {
            messages.add(new ChatMessage(Role.SYSTEM, PromptRendering.system(file.version(), test.getVariables()), null));
        } catch (PromptException e) {
            return List.of("does not render: " + e.getMessage());
        }
        if (test.getUser() != null) {
            messages.add(new ChatMessage(Role.USER, test.getUser(), null));
        }
        Answer answer;
        try {
            answer = model.ask(messages);
        } catch (Exception e) {
            return List.of("the model failed: " + e.getMessage());
        }
        List<String> failures = new ArrayList<>();
        for (PromptAssertion assertion : test.getAssertions()) {
            String failure = check(assertion, answer);
            if (failure != null) {
                failures.add(failure);
            }
        }
        return failures;
    }

    /** Why {@code answer} fails {@code assertion}, or null when it holds. */
    static String check(PromptAssertion assertion, Answer answer) {
        String value = assertion.getValue();
        String text = answer.text();
        return switch (assertion.getKind()) {
            case CONTAINS -> text.contains(value) ? null : "contains `" + value + "`: the answer does not";
            case DOES_NOT_CONTAIN -> !text.contains(value) ? null : "does_not_contain `" + value + "`: the answer does";
            case REGEX -> Pattern.compile(value).matcher(text).find() ? null
                    : "regex `" + value + "`: no match in the answer";
            case MAX_TOKENS -> answer.completionTokens() <= Integer.parseInt(value) ? null
                    : "max_tokens " + value + ": the answer took " + answer.completionTokens();
        };
    }
}
