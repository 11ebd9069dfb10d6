package io.sluice.schemas.prompts;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Templates of plain substitution, never an expression language: {@code {{name}}} (spaces inside
 * the braces allowed) is replaced by the variable's value, inserted literally and never expanded
 * again, so a value holding {@code {{other}}} stays that text. {@code \{{} writes a literal
 * {@code {{}; single braces are always literal (JSON in a prompt needs no escaping). Any other
 * {@code {{} (an expression, a filter, a typo such as {@code {{user-name}}}) makes the template
 * invalid, so it is refused when published instead of reaching a model half-rendered.
 */
public final class PromptTemplate {
    /** Variable names: a letter or underscore, then letters, digits and underscores. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(" + NAME.pattern() + ")\\s*}}");

    private PromptTemplate() {}

    /**
     * The variables {@code template} names, in order of first use.
     *
     * @throws PromptException {@code invalid_prompt} naming {@code param} for a {@code {{} that
     *     opens no placeholder
     */
    public static Set<String> placeholders(String template, String param) {
        Set<String> names = new LinkedHashSet<>();
        scan(template, param, name -> {
            names.add(name);
            return "";
        });
        return names;
    }

    /**
     * {@code template} with each placeholder replaced by its value in {@code values}.
     *
     * @throws PromptException {@code missing_prompt_variable} for a placeholder with no value
     */
    public static String render(String template, Map<String, String> values) {
        return scan(template, "system", name -> {
            String value = values.get(name);
            if (value == null) {
                throw missing(name);
            }
            return value;
        });
    }

    /** One pass from left to right: a replacement is appended and never looked at again. */
    private static String scan(String template, String param, UnaryOperator<String> replacement) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            if (open > 0 && template.charAt(open - 1) == '\\') {
                out.append(template, i, open - 1).append("{{");
                i = open + 2;
                continue;
            }
            out.append(template, i, open);
            Matcher m = PLACEHOLDER.matcher(template).region(open, template.length());
            if (!m.lookingAt()) {
                int line = 1 + (int) template.substring(0, open).chars().filter(c -> c == '\n').count();
                String near = template.substring(open, Math.min(template.length(), open + 24));
                throw PromptException.invalid(param, "line " + line + ": `" + near.replace("\n", "\\n")
                        + "` is not a {{variable}} placeholder (names are letters, digits and _; no expressions;"
                        + " write \\{{ for literal braces)");
            }
            out.append(replacement.apply(m.group(1)));
            i = m.end();
        }
        return out.toString();
    }

    static PromptException missing(String name) {
        return new PromptException(400, "missing_prompt_variable", "prompt.variables." + name,
                "The prompt needs the variable '" + name + "', which the request does not give.");
    }
}
