package io.sluice.processors.sanitize.injection;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds fake conversation structure in a clean view: chat-template special tokens
 * ({@code <|im_start|>}, {@code [INST]}, {@code <<SYS>>}), role tags ({@code <system>},
 * {@code </user>}), role labels at the start of a line ({@code SYSTEM:}, {@code ### Instruction},
 * {@code assistant:}), JSON role fields, and markdown images whose URL carries a query (the usual
 * way to smuggle data out through a rendered answer). Language independent; ids use {@code any}.
 */
final class Markers {
    private Markers() {}

    interface Sink {
        void hit(String id, String style, double weight, String description, int start, int end);
    }

    private static final int MAX_LABEL = 32;

    private static final List<String> TAGS_STRONG = List.of("[inst]", "[/inst]", "<<sys>>", "<</sys>>",
            "<start_of_turn>", "<end_of_turn>", "[system](#", "<im_start>", "<im_end>");
    private static final List<String> TAGS_ROLE = List.of("<system>", "</system>", "<system_prompt>",
            "</system_prompt>", "<system-prompt>", "</system-prompt>", "<system_message>", "</system_message>",
            "<instructions>", "</instructions>", "<assistant>", "</assistant>", "<admin>", "</admin>",
            "<developer>", "</developer>", "<sys>", "</sys>", "<new_instructions>", "<system_instructions>");
    private static final List<String> TAGS_ESCAPE = List.of("</user>", "</context>", "</document>",
            "</user_input>", "</input>", "</data>", "</untrusted>", "</tool_result>", "</tool_output>",
            "</search_result>", "</email>", "</query>", "</human>", "</text>");
    private static final AhoCorasick TAGS = new AhoCorasick(
            Stream.of(TAGS_STRONG, TAGS_ROLE, TAGS_ESCAPE).flatMap(List::stream).toList());

    private static final Set<String> SYSTEM_LABELS = skeletons("system", "system prompt", "system message",
            "system note", "system notice", "system override", "system update", "system instruction",
            "system instructions", "system alert", "sys", "developer", "developer message", "developer note", "dev",
            "admin", "administrator", "admin note", "operator", "root", "sistema", "système", "systemnachricht",
            "systemhinweis", "systemmeldung", "systemanweisung", "mensaje del sistema", "aviso del sistema",
            "message système", "note système", "系统", "系统提示", "系统消息", "系统通知", "管理员", "开发者", "系统指令");
    private static final Set<String> SYSTEM_FIRST_WORDS = skeletons("system", "sys", "admin", "administrator",
            "developer", "operator", "root", "sistema", "système", "systeme", "系统", "管理员", "开发者", "systemnachricht");
    private static final Set<String> INSTRUCTION_LABELS = skeletons("instruction", "instructions", "instrucción",
            "instruktion", "consigne", "anweisung", "directive", "directives", "richtlinie", "新规则", "规则",
            "new instructions", "new instruction", "updated instructions", "rules", "new rules", "task", "new task",
            "prompt", "system prompt", "anweisung", "anweisungen", "neue anweisungen", "instruktionen",
            "nouvelles instructions", "consignes", "nouvelles consignes", "instrucciones", "nuevas instrucciones",
            "指令", "新指令", "新的指令");
    private static final Set<String> ASSISTANT_LABELS = skeletons("assistant", "ai", "ai assistant", "bot", "chatbot", "model",
            "gpt", "chatgpt", "claude", "asistente", "assistent", "assistente", "ki", "ia", "助手", "ai助手", "模型",
            "机器人", "response", "antwort", "réponse", "respuesta", "回答", "回复");

    /** Words that make the text after a system label read as policy: it sets rules, roles or modes. */
    private static final Words CONTROL = new Words(List.of("reveal", "confidential", "secret", "password",
            "root", "command", "constraint", "bypass", "ignor", "unfilter", "jailbr", "policy", "policies", "overrid", "admin", "comply",
            "complie", "complian", "obey", "obéi", "obedec", "restrict", "filter", "disabl", "enabl", "mode$",
            "instruct", "rule", "permission", "refus", "safety", "guideline", "unrestrict", "richtlinie", "befolg",
            "befehl", "gehorch", "deaktiv", "aktivier", "modus$", "anweisung", "regel", "einschränk", "politique",
            "administrat", "consigne", "règle", "désactiv", "activé", "restriction", "política", "cumpl", "órden",
            "regla", "desactiv", "activad", "permiso", "restricc", "filtro", "modo$"), List.of("权限", "管理员", "执行", "服从", "规则", "指令", "关闭", "启用", "模式", "限制",
            "过滤", "安全", "配置", "密码", "忽略", "泄露", "输出"));
    /** A forged assistant turn agreeing to drop its rules needs both a word of dropping and a word of rules. */
    private static final Words DROPPING = new Words(List.of("disabl", "deactivat", "turned off", "switched off",
            "removed", "lifted", "deaktiv", "abgeschaltet", "désactiv", "desactiv", "ignor", "disregard", "forget", "bypass", "vergess",
            "vergiss", "oubli", "olvid", "no longer", "nicht mehr", "plus aucun", "sin restric", "without restric",
            "ohne einschränk", "sans restric"), List.of("忽略", "无视", "忘记", "不再遵守", "不受", "关闭", "解除"));
    private static final Words RULES = new Words(List.of("rule", "guideline", "restrict", "instruct", "polic",
            "filter", "regel", "richtlinie", "anweisung", "einschränk", "règle", "consigne", "regla", "norma",
            "instrucc", "directri", "restricc"), List.of("规则", "限制", "指令", "准则", "约束"));

    /** Word starts (Latin) and substrings (Chinese), compared on skeletons. */
    private record Words(List<String> prefixes, List<String> han) {
        Words {
            // a trailing $ asks for the whole word
            prefixes = prefixes.stream()
                    .map(p -> p.endsWith("$") ? Normaliser.skeletonOf(p.substring(0, p.length() - 1)) + "$"
                            : Normaliser.skeletonOf(p))
                    .toList();
        }

        boolean in(String skeleton) {
            if (han.stream().anyMatch(skeleton::contains)) {
                return true;
            }
            for (String token : skeleton.split("[ \\n]+")) {
                for (String p : prefixes) {
                    boolean hit = p.endsWith("$") ? token.equals(p.substring(0, p.length() - 1))
                            : p.indexOf(' ') > 0 ? skeleton.contains(p) : token.startsWith(p);
                    if (hit) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static Set<String> skeletons(String... labels) {
        return Stream.of(labels).map(Normaliser::skeletonOf).collect(Collectors.toUnmodifiableSet());
    }

    static void scan(TextView clean, Sink sink) {
        String text = clean.text;
        int n = text.length();
        char[] lower = new char[n];
        for (int i = 0; i < n; i++) {
            lower[i] = Character.toLowerCase(text.charAt(i));
        }
        String low = new String(lower);
        specialTokens(low, sink);
        TAGS.scan(low, (p, start, end) -> {
            boolean opening = low.charAt(start + 1) != '/';
            if (p >= TAGS_STRONG.size() && p < TAGS_STRONG.size() + TAGS_ROLE.size() && opening
                    && CONTROL.in(Normaliser.skeletonOf(low.substring(end, Math.min(low.length(), end + 200))))) {
                sink.hit("fake_marker.any.system_policy", Signal.FAKE_MARKER, 0.55,
                        "a system, admin or instruction block that sets rules, roles or modes", start, end);
            }
            if (p < TAGS_STRONG.size()) {
                sink.hit("fake_marker.any.chat_template", Signal.FAKE_MARKER, 0.6,
                        "chat template control sequence ([INST], <<SYS>>, turn markers)", start, end);
            } else if (p < TAGS_STRONG.size() + TAGS_ROLE.size()) {
                sink.hit("fake_marker.any.role_tag", Signal.FAKE_MARKER, 0.45,
                        "tag that opens or closes a system, developer or instruction block", start, end);
            } else {
                sink.hit("fake_marker.any.context_escape", Signal.FAKE_MARKER, 0.35,
                        "closing tag that tries to end the user's or a document's block early", start, end);
            }
            return true;
        });
        int lineStart = 0;
        int[] template = {-1, -1, -1, -1}; // first instruction header, first response header, first human, first assistant
        while (lineStart < n) {
            int lineEnd = low.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            label(low, lineStart, lineEnd, sink, template);
            lineStart = lineEnd + 1;
        }
        if (template[0] >= 0 && template[1] > template[0]) {
            sink.hit("fake_marker.any.prompt_template", Signal.FAKE_MARKER, 0.55,
                    "an instruction/response prompt template written into the text", template[0], template[1]);
        }
        if (template[2] >= 0 && template[3] >= 0) {
            sink.hit("fake_marker.any.prompt_template", Signal.FAKE_MARKER, 0.45,
                    "a Human/Assistant conversation template written into the text",
                    Math.min(template[2], template[3]), Math.max(template[2], template[3]));
        }
        jsonRoles(low, sink);
        markdownImages(low, sink);
    }

    /** {@code <|anything|>}: the special tokens of ChatML, Llama 3, Phi and most chat templates. */
    private static void specialTokens(String low, Sink sink) {
        int from = 0;
        while (true) {
            int open = low.indexOf("<|", from);
            if (open < 0) {
                return;
            }
            int limit = Math.min(low.length() - 1, open + 2 + 40);
            int close = -1;
            for (int i = open + 2; i < limit; i++) {
                char c = low.charAt(i);
                if (c == '|' && low.charAt(i + 1) == '>') {
                    close = i;
                    break;
                }
                if (c == '<' || c == '>' || c == '\n' || c == ' ') {
                    break;
                }
            }
            if (close > open + 2) {
                boolean mentioned = mentionedAsToken(low, close + 2);
                sink.hit("fake_marker.any.special_token", Signal.FAKE_MARKER, mentioned ? 0.3 : 0.6,
                        mentioned ? "chat template special token, named as a token rather than used"
                                : "chat template special token such as <|im_start|> or <|eot_id|>", open, close + 2);
                from = close + 2;
            } else {
                from = open + 2;
            }
        }
    }

    /** Whether the word after a special token is "token(s)": the token is talked about ("<|im_start|> tokens"), not used. */
    private static boolean mentionedAsToken(String low, int from) {
        int p = from;
        while (p < low.length() && p < from + 3 && (low.charAt(p) == ' ' || low.charAt(p) == '`' || low.charAt(p) == '\'')) {
            p++;
        }
        return low.startsWith("token", p);
    }

    /** A role or instruction label at the start of a line: {@code SYSTEM:}, {@code ### Instruction}, {@code [admin]}. */
    private static void label(String low, int from, int to, Sink sink, int[] template) {
        int p = from;
        while (p < to && (low.charAt(p) == ' ' || low.charAt(p) == '\t')) {
            p++;
        }
        int hashes = 0;
        while (p < to && low.charAt(p) == '#') {
            hashes++;
            p++;
        }
        char opener = 0;
        while (p < to && "*>-=_[({【\"' ".indexOf(low.charAt(p)) >= 0) {
            char c = low.charAt(p);
            if (c == '[' || c == '(' || c == '{' || c == '【') {
                opener = c;
            }
            p++;
        }
        int labelStart = p;
        while (p < to && p - labelStart <= MAX_LABEL && isLabelChar(low.charAt(p))) {
            p++;
        }
        if (p == labelStart || p - labelStart > MAX_LABEL) {
            return;
        }
        int labelEnd = p;
        while (p < to && (low.charAt(p) == '*' || low.charAt(p) == ' ')) {
            p++;
        }
        char terminator = p < to ? low.charAt(p) : '\n';
        String label = Normaliser.skeletonOf(low.substring(labelStart, labelEnd)).strip();
        boolean closesBracket = opener != 0 && (terminator == ']' || terminator == ')' || terminator == '}' || terminator == '】');
        boolean colon = terminator == ':';
        int space = label.indexOf(' ');
        boolean system = SYSTEM_LABELS.contains(label)
                || space > 0 && SYSTEM_FIRST_WORDS.contains(label.substring(0, space));
        boolean instruction = INSTRUCTION_LABELS.contains(label);
        boolean assistant = ASSISTANT_LABELS.contains(label);
        if (hashes > 0 && instruction && template[0] < 0) {
            template[0] = from;
        } else if (hashes > 0 && assistant && template[0] >= 0 && template[1] < 0) {
            template[1] = to;
        }
        if (colon && hashes == 0 && label.equals("human") && template[2] < 0) {
            template[2] = from;
        } else if (colon && hashes == 0 && assistant && template[3] < 0) {
            template[3] = to;
        }
        int end = Math.min(to, p + 1);
        String content = Normaliser.skeletonOf(following(low, p + 1, to));
        if ((system || hashes > 0 && instruction) && (colon || closesBracket || hashes > 0)
                && CONTROL.in(content)) {
            sink.hit("fake_marker.any.system_policy", Signal.FAKE_MARKER, 0.55,
                    "a system, admin or instruction label followed by rules, roles or modes", from, end);
        } else if (ASSISTANT_LABELS.contains(label) && colon && DROPPING.in(content) && RULES.in(content)) {
            sink.hit("fake_marker.any.forged_assistant_turn", Signal.FAKE_MARKER, 0.55,
                    "an assistant turn written into the text, agreeing to drop its rules", from, end);
        } else if (hashes > 0 && (system || INSTRUCTION_LABELS.contains(label)) && (colon || terminator == '\n')) {
            sink.hit("fake_marker.any.header_role", Signal.FAKE_MARKER, 0.4,
                    "markdown header naming a system or instruction section", from, end);
        } else if (hashes > 0 && ASSISTANT_LABELS.contains(label) && (colon || terminator == '\n')) {
            sink.hit("fake_marker.any.header_role", Signal.FAKE_MARKER, 0.3,
                    "markdown header opening an assistant or response section", from, end);
        } else if (system && (colon || closesBracket)) {
            sink.hit("fake_marker.any.system_label", Signal.FAKE_MARKER, 0.35,
                    "line that starts with a system, developer or admin label", from, end);
        } else if (ASSISTANT_LABELS.contains(label) && colon) {
            sink.hit("fake_marker.any.assistant_label", Signal.FAKE_MARKER, 0.25,
                    "line that starts with an assistant label, as if the model had spoken", from, end);
        }
    }

    /** The rest of the line after a label, or the next line when the label stands alone; at most 200 chars. */
    private static String following(String low, int from, int lineEnd) {
        int start = Math.min(from, lineEnd);
        int end = lineEnd;
        if (low.substring(start, end).isBlank() && lineEnd + 1 < low.length()) {
            start = lineEnd + 1;
            end = low.indexOf('\n', start);
            end = end < 0 ? low.length() : end;
        }
        return low.substring(start, Math.min(end, start + 200));
    }

    private static boolean isLabelChar(char c) {
        return Character.isLetter(c) || c == ' ' || c == '_';
    }

    /** {@code "role": "system"} written into a prompt. */
    private static void jsonRoles(String low, Sink sink) {
        int from = 0;
        while (true) {
            int at = low.indexOf("role", from);
            if (at < 0) {
                return;
            }
            from = at + 4;
            if (at == 0 || (low.charAt(at - 1) != '"' && low.charAt(at - 1) != '\'')) {
                continue;
            }
            int p = at + 5;
            while (p < low.length() && (low.charAt(p) == ' ' || low.charAt(p) == ':')) {
                p++;
            }
            if (p < low.length() && (low.charAt(p) == '"' || low.charAt(p) == '\'')) {
                p++;
                if (low.startsWith("system", p) || low.startsWith("developer", p)) {
                    sink.hit("fake_marker.any.json_role", Signal.FAKE_MARKER, 0.25,
                            "a JSON message with a system or developer role inside the text", at - 1,
                            Math.min(low.length(), p + 6));
                }
            }
        }
    }

    /** {@code ![x](https://host/p?d=...)}: a rendered image that would send data out. */
    private static void markdownImages(String low, Sink sink) {
        int from = 0;
        while (true) {
            int at = low.indexOf("](http", from);
            if (at < 0) {
                return;
            }
            from = at + 6;
            int bang = low.lastIndexOf("![", at);
            if (bang < 0 || at - bang > 200) {
                continue;
            }
            int end = at + 2;
            boolean query = false;
            boolean placeholder = false;
            while (end < low.length() && end - at < 400) {
                char c = low.charAt(end);
                if (c == ')' || c == ' ' || c == '\n') {
                    break;
                }
                query |= c == '?' || c == '=';
                placeholder |= c == '{' || c == '[' || c == '<' || c == '$';
                end++;
            }
            if (placeholder) {
                sink.hit("hidden_instruction.any.markdown_exfil", Signal.HIDDEN_INSTRUCTION, 0.5,
                        "markdown image whose URL is a template to fill with data", bang, end);
            } else if (query) {
                sink.hit("hidden_instruction.any.markdown_exfil", Signal.HIDDEN_INSTRUCTION, 0.25,
                        "markdown image whose URL carries a query string", bang, end);
            }
        }
    }
}
