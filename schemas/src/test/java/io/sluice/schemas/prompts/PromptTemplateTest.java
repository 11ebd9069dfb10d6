package io.sluice.schemas.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    @Test
    void placeholders_are_replaced_by_their_values_with_or_without_spaces() {
        assertThat(PromptTemplate.render("Hello {{name}}, answer in {{ language }}.",
                Map.of("name", "Ada", "language", "French")))
                .isEqualTo("Hello Ada, answer in French.");
    }

    @Test
    void a_value_is_inserted_literally_and_never_expanded_again() {
        String rendered = PromptTemplate.render("A {{a}} B {{b}}", Map.of("a", "{{b}}", "b", "$1 \\\\ {{a}}"));
        assertThat(rendered).isEqualTo("A {{b}} B $1 \\\\ {{a}}");
    }

    @Test
    void single_braces_are_literal_and_a_backslash_escapes_double_ones() {
        String template = "Reply as {\"answer\": \"...\"}. Mustache looks like \\{{this}}.";
        assertThat(PromptTemplate.placeholders(template, "system")).isEmpty();
        assertThat(PromptTemplate.render(template, Map.of()))
                .isEqualTo("Reply as {\"answer\": \"...\"}. Mustache looks like {{this}}.");
    }

    @Test
    void an_expression_or_malformed_placeholder_is_refused_with_its_line() {
        assertThatThrownBy(() -> PromptTemplate.placeholders("ok\n{{ name | upper }}", "system"))
                .isInstanceOf(PromptException.class)
                .hasMessageContaining("system: line 2")
                .hasMessageContaining("no expressions")
                .satisfies(e -> assertThat(((PromptException) e).code()).isEqualTo("invalid_prompt"));
        assertThatThrownBy(() -> PromptTemplate.placeholders("{{user-name}}", "system"))
                .isInstanceOf(PromptException.class);
        assertThatThrownBy(() -> PromptTemplate.placeholders("{{1+1}}", "system"))
                .isInstanceOf(PromptException.class);
    }

    @Test
    void a_placeholder_without_a_value_names_the_variable() {
        assertThatThrownBy(() -> PromptTemplate.render("Hi {{who}}", Map.of()))
                .isInstanceOfSatisfying(PromptException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("missing_prompt_variable");
                    assertThat(e.param()).isEqualTo("prompt.variables.who");
                });
    }

    @Test
    void placeholders_are_listed_once_in_order_of_first_use() {
        assertThat(PromptTemplate.placeholders("{{b}} {{a}} {{b}}", "system")).containsExactly("b", "a");
    }
}
