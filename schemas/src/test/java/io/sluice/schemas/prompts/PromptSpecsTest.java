package io.sluice.schemas.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.PromptAssertionKind;
import io.sluice.avro.PromptVersion;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptSpecsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SPEC = """
            {"description": "support triage",
             "system": "You help with {{product}}. Answer in {{language}}.",
             "variables": {"product": {"required": true, "description": "what we sell"},
                           "language": {"default": "English"}},
             "examples": [{"name": "basic", "variables": {"product": "Sluice"}, "user": "hi"}],
             "tests": [{"name": "names the product", "variables": {"product": "Sluice", "language": 42},
                        "assert": [{"contains": "Sluice"}, {"does_not_contain": "{{"}, {"regex": "Answer in \\\\d+"},
                                   {"max_tokens": 50}]}]}
            """;

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void a_spec_is_read_with_its_variables_examples_tests_and_content_hash() {
        PromptVersion version = PromptSpecs.read(tree(SPEC), "3");

        assertThat(version.getVersion()).isEqualTo("3");
        assertThat(version.getVariables()).hasSize(2);
        assertThat(version.getTests().get(0).getVariables()).containsEntry("language", "42");
        assertThat(version.getTests().get(0).getAssertions()).extracting(a -> a.getKind()).containsExactly(
                PromptAssertionKind.CONTAINS, PromptAssertionKind.DOES_NOT_CONTAIN, PromptAssertionKind.REGEX,
                PromptAssertionKind.MAX_TOKENS);
        assertThat(version.getContentHash()).hasSize(64);
        assertThat(PromptRendering.system(version, Map.of("product", "Sluice")))
                .isEqualTo("You help with Sluice. Answer in English.");
    }

    @Test
    void the_hash_covers_content_only_so_the_same_text_hashes_alike_and_any_change_differs() {
        PromptVersion three = PromptSpecs.read(tree(SPEC), "3");
        PromptVersion four = PromptSpecs.read(tree(SPEC), "4");
        PromptVersion changed = PromptSpecs.read(tree(SPEC.replace("support triage", "support triage!")), "3");

        assertThat(four.getContentHash()).isEqualTo(three.getContentHash());
        assertThat(changed.getContentHash()).isNotEqualTo(three.getContentHash());
    }

    @Test
    void errors_name_the_path_of_what_is_wrong() {
        expectInvalid(SPEC.replace("\"max_tokens\": 50", "\"max_tokenz\": 50"), "tests[0].assert[3].max_tokenz");
        expectInvalid(SPEC.replace("\"max_tokens\": 50", "\"max_tokens\": 0"), "tests[0].assert[3].max_tokens");
        expectInvalid(SPEC.replace("Answer in \\\\d+", "Answer in ("), "tests[0].assert[2].regex");
        expectInvalid(SPEC.replace("\"description\": \"what we sell\"", "\"descripton\": \"x\""),
                "variables.product.descripton");
        expectInvalid(SPEC.replace("{{language}}", "{{lang}}"), "uses {{lang}}");
        expectInvalid(SPEC.replace("\"variables\": {\"product\": \"Sluice\"}, \"user\"", "\"variables\": {},"
                + " \"user\""), "examples[0].variables");
        expectInvalid(SPEC.replace("\"required\": true,", "\"required\": true, \"default\": \"x\","),
                "variables.product.default");
        expectInvalid(SPEC.replace("\"language\": 42", "\"language\": [1]"), "tests[0].variables.language");
        expectInvalid("{\"system\": \"x\", \"tests\": [{\"name\": \"t\", \"assert\": []}]}", "tests[0].assert");
        expectInvalid("{\"system\": \"  \"}", "system");
        expectInvalid("{\"system\": \"x\", \"model\": \"gpt\"}", "model: unknown key");
    }

    @Test
    void versions_and_names_are_path_and_topic_safe_ids() {
        assertThatThrownBy(() -> PromptSpecs.read(tree(SPEC), "../3")).isInstanceOf(PromptException.class)
                .hasMessageContaining("version");
        assertThat(PromptSpecs.requireId("2024-06-01.rc_1", "version", "version")).isEqualTo("2024-06-01.rc_1");
    }

    @Test
    void the_view_is_the_spec_again_with_the_publication() {
        PromptVersion version = PromptSpecs.read(tree(SPEC), "3");
        var view = PromptSpecs.view(version);

        assertThat(view.get("content_hash").asText()).isEqualTo(version.getContentHash());
        view.remove(java.util.List.of("object", "version", "content_hash", "published_at", "published_by"));
        assertThat(PromptSpecs.read(view, "3").getContentHash()).isEqualTo(version.getContentHash());
    }

    private static void expectInvalid(String spec, String path) {
        assertThatThrownBy(() -> PromptSpecs.read(tree(spec), "1"))
                .isInstanceOfSatisfying(PromptException.class, e -> assertThat(e.code()).isEqualTo("invalid_prompt"))
                .hasMessageContaining(path);
    }
}
