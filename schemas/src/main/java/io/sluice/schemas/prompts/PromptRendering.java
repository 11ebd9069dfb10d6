package io.sluice.schemas.prompts;

import io.sluice.avro.PromptVariable;
import io.sluice.avro.PromptVersion;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a prompt version's system prompt with a request's variables: every value the request
 * gives must be declared, every required variable given; an optional one left out takes its
 * default, or empty text. Values are inserted literally ({@link PromptTemplate}).
 */
public final class PromptRendering {
    private PromptRendering() {}

    /**
     * The system prompt of {@code version} for {@code given}.
     *
     * @throws PromptException 400 {@code missing_prompt_variable} or {@code unknown_prompt_variable},
     *     naming {@code prompt.variables.<name>}
     */
    public static String system(PromptVersion version, Map<String, String> given) {
        return PromptTemplate.render(version.getSystem(), values(version.getVariables(), given));
    }

    /** The value of every declared variable: given, else its default, else empty text. */
    static Map<String, String> values(List<PromptVariable> variables, Map<String, String> given) {
        Set<String> declared = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        for (PromptVariable variable : variables) {
            declared.add(variable.getName());
            String value = given.get(variable.getName());
            if (value == null && variable.getRequired()) {
                throw PromptTemplate.missing(variable.getName());
            }
            values.put(variable.getName(), value != null ? value
                    : variable.getDefaultValue() != null ? variable.getDefaultValue() : "");
        }
        for (String name : new java.util.TreeSet<>(given.keySet())) {
            if (!declared.contains(name)) {
                throw new PromptException(400, "unknown_prompt_variable", "prompt.variables." + name,
                        "The prompt has no variable '" + name + "'" + (declared.isEmpty() ? "."
                                : "; it has " + new java.util.TreeSet<>(declared) + "."));
            }
        }
        return values;
    }
}
