package io.sluice.processors.sanitize.injection;

/**
 * The rule shapes every language shares, written once over per-language concepts: a language
 * ({@code EnglishTerms}, {@code GermanTerms}...) registers concepts named {@code <lang>.<key>} for
 * each key in {@link #KEYS}, and this class adds the rules. Weights say how far one signal alone
 * goes towards the default threshold of 0.5: at or above it the signal flags on its own, below it
 * it needs company (see {@link Scoring}).
 */
final class RuleTemplates {
    private RuleTemplates() {}

    /** The concept keys each language must define. */
    static final String[] KEYS = {
        // override
        "ignore", "ignore_weak", "rules", "prior", "prior_post", "above", "instead", "own", "negation",
        "conditional", "howto", "new_instr", "void", "your", "obey_me", "authority",
        // extraction
        "reveal", "promptword", "sys_prompt", "verbatim", "what_your", "told_you", "secret",
        // role-play
        "persona", "you_are", "unrestricted", "named_jb", "enable", "jb_mode", "no_longer", "ai_self", "harmful",
        "fiction", "in_character", "dual", "grandma",
        // hidden instructions
        "guard", "ai_plural", "ai_addressee", "ai_noun", "directive", "user_task", "given", "which", "conceal", "send", "sensitive", "to_dest", "when_processing", "rate_manip",
        "instead_task", "agent_action", "notice",
        // added after round 4 (terms in TermFamilies)
        "sys_source", "rule_noun", "before_chat", "reveal_it", "reader_this", "open_url", "in_url",
        // obfuscation
        "decode", "follow",
        // frames (no rule of their own: they soften signals quoted as examples)
        "edu", "edu_intro",
    };

    static void register(RuleBook.Builder b, String lang) {
        override(b, lang);
        extraction(b, lang);
        roleplay(b, lang);
        hidden(b, lang);
        sourcesAndReaders(b, lang);
        b.rule("obfuscation." + lang + ".decode_and_follow", 0.5, "asks to decode a text and then act on it")
                .seq(c(lang, "decode"), c(lang, "follow")).gap(80).acrossSentences().add();
    }

    private static String c(String lang, String key) {
        return lang + "." + key;
    }

    private static void override(RuleBook.Builder b, String l) {
        String ignorePrior = "override." + l + ".ignore_prior_rules";
        String why = "asks to ignore, forget or bypass the earlier or standing instructions";
        b.rule(ignorePrior, 0.8, why).seq(c(l, "ignore"), c(l, "prior"), c(l, "rules")).gap(30)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).unless(c(l, "conditional"), 50).add();
        b.rule(ignorePrior, 0.8, why).seq(c(l, "ignore"), c(l, "rules"), c(l, "prior_post")).gap(20)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).unless(c(l, "conditional"), 50).add();
        b.rule(ignorePrior, 0.6, why).seq(c(l, "ignore_weak"), c(l, "prior"), c(l, "rules")).gap(25)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).unless(c(l, "conditional"), 50).add();
        b.rule(ignorePrior, 0.6, why).seq(c(l, "ignore_weak"), c(l, "rules"), c(l, "prior_post")).gap(20)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).unless(c(l, "conditional"), 50).add();
        // the same without the conditional exemption ("if you use brew, ignore the steps above"): weaker
        b.rule("override." + l + ".ignore_prior_rules_conditional", 0.4, why + ", after a condition")
                .seq(c(l, "ignore"), c(l, "prior"), c(l, "rules")).gap(30)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).add();
        b.rule("override." + l + ".ignore_rules", 0.45, "asks to ignore instructions or rules")
                .seq(c(l, "ignore"), c(l, "rules")).gap(20)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).add();
        b.rule("override." + l + ".rules_ignored", 0.6, "says the earlier instructions are to be ignored")
                .seq(c(l, "prior"), c(l, "rules"), c(l, "ignore")).gap(30)
                .unless(c(l, "own"), 20).unless(c(l, "negation"), 0).unless(c(l, "conditional"), 50).add();
        b.rule("override." + l + ".rules_ignored", 0.6, "says the earlier instructions are to be ignored")
                .seq(c(l, "rules"), c(l, "prior_post"), c(l, "ignore")).gap(30)
                .unless(c(l, "own"), 20).unless(c(l, "negation"), 0).unless(c(l, "conditional"), 50).add();
        b.rule("override." + l + ".ignore_above", 0.45, "asks to ignore everything above or before")
                .seq(c(l, "ignore"), c(l, "above")).gap(20)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).add();
        b.rule("override." + l + ".ignore_above_instead", 0.75, "asks to ignore what came before and do something else")
                .seq(c(l, "ignore"), c(l, "above"), c(l, "instead")).gap(60)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).unless(c(l, "conditional"), 50).add();
        b.rule("override." + l + ".ignore_above_instead", 0.75, "asks to ignore what came before and do something else")
                .seq(c(l, "ignore"), c(l, "rules"), c(l, "instead")).gap(60)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).unless(c(l, "conditional"), 50).add();
        b.rule("override." + l + ".new_instructions", 0.45, "announces new or overriding instructions")
                .seq(c(l, "new_instr")).add();
        b.rule("override." + l + ".rules_void", 0.65, "declares the assistant's rules void")
                .seq(c(l, "your"), c(l, "rules"), c(l, "void")).gap(25).unless(c(l, "negation"), 0).add();
        b.rule("override." + l + ".rules_void", 0.6, "declares the assistant's rules void")
                .seq(c(l, "rules"), c(l, "prior_post"), c(l, "void")).gap(25).unless(c(l, "negation"), 0).add();
        b.rule("override." + l + ".rules_void", 0.6, "declares the safety or content rules void")
                .seq(c(l, "guard"), c(l, "rules"), c(l, "void")).gap(25).unless(c(l, "negation"), 0).add();
        b.rule("override." + l + ".rules_void", 0.45, "declares earlier rules void")
                .seq(c(l, "prior"), c(l, "rules"), c(l, "void")).gap(25).unless(c(l, "negation"), 0).add();
        b.rule("override." + l + ".obey_me", 0.35, "demands obedience to the writer only")
                .seq(c(l, "obey_me")).add();
        b.rule("override." + l + ".authority_claim", 0.3, "claims to be the developer, an administrator or the system")
                .seq(c(l, "authority")).add();
    }

    private static void extraction(RuleBook.Builder b, String l) {
        b.rule("extraction." + l + ".reveal_your_prompt", 0.7, "asks the assistant to reveal its own instructions or prompt")
                .seq(c(l, "reveal"), c(l, "your"), c(l, "promptword")).gap(15)
                .unless(c(l, "negation"), 15).add();
        b.rule("extraction." + l + ".reveal_system_prompt", 0.6, "asks to print the system prompt or the text before the conversation")
                .seq(c(l, "reveal"), c(l, "sys_prompt")).gap(25)
                .unless(c(l, "negation"), 15).unless(c(l, "howto"), 40).add();
        b.rule("extraction." + l + ".reveal_system_prompt", 0.6, "asks to print the system prompt or the text before the conversation")
                .seq(c(l, "sys_prompt"), c(l, "reveal")).gap(12)
                .unless(c(l, "negation"), 15).unless(c(l, "howto"), 40).add();
        b.rule("extraction." + l + ".what_your_prompt", 0.5, "asks what the assistant's instructions are")
                .seq(c(l, "what_your"), c(l, "promptword")).gap(12).add();
        b.rule("extraction." + l + ".reveal_given", 0.6, "asks to reveal the instructions the assistant was given")
                .seq(c(l, "reveal"), c(l, "promptword"), c(l, "given")).gap(30)
                .unless(c(l, "negation"), 15).unless(c(l, "howto"), 40).add();
        b.rule("extraction." + l + ".which_given", 0.55, "asks which instructions the assistant was given")
                .seq(c(l, "which"), c(l, "promptword"), c(l, "given")).gap(30).unless(c(l, "howto"), 40).add();
        b.rule("extraction." + l + ".which_given", 0.55, "asks which instructions the assistant was given")
                .seq(c(l, "given"), c(l, "which"), c(l, "promptword")).gap(6).add();
        b.rule("extraction." + l + ".verbatim_output", 0.3, "asks for some text word for word")
                .seq(c(l, "verbatim"), c(l, "reveal")).gap(6).add();
        b.rule("extraction." + l + ".told_you", 0.5, "asks what the assistant was told before the conversation")
                .seq(c(l, "told_you")).add();
        b.rule("extraction." + l + ".verbatim", 0.45, "asks for the instructions word for word")
                .seq(c(l, "sys_prompt"), c(l, "verbatim")).gap(40).add();
        b.rule("extraction." + l + ".verbatim", 0.45, "asks for the instructions word for word")
                .seq(c(l, "verbatim"), c(l, "sys_prompt")).gap(40).add();
        b.rule("extraction." + l + ".reveal_secret", 0.5, "asks the assistant to reveal its keys, passwords or secrets")
                .seq(c(l, "reveal"), c(l, "your"), c(l, "secret")).gap(15)
                .unless(c(l, "negation"), 15).add();
    }

    private static void roleplay(RuleBook.Builder b, String l) {
        b.rule("roleplay." + l + ".persona_unrestricted", 0.65, "casts the assistant as a persona without rules or limits")
                .seq(c(l, "persona"), c(l, "unrestricted")).gap(120).acrossSentences().add();
        b.rule("roleplay." + l + ".persona_unrestricted", 0.6, "casts the assistant as a persona without rules or limits")
                .seq(c(l, "unrestricted"), c(l, "persona")).gap(60).acrossSentences().add();
        b.rule("roleplay." + l + ".persona_named_jailbreak", 0.55, "casts the assistant as a known jailbreak persona")
                .seq(c(l, "persona"), c(l, "named_jb")).gap(20).add();
        b.rule("roleplay." + l + ".unrestricted_ai", 0.65, "tells the assistant it is an AI without rules or filters")
                .seq(c(l, "you_are"), c(l, "ai_self"), c(l, "unrestricted")).gap(40).add();
        b.rule("roleplay." + l + ".unrestricted_ai", 0.65, "tells the assistant it is an AI without rules or filters")
                .seq(c(l, "persona"), c(l, "ai_self"), c(l, "unrestricted")).gap(40).add();
        b.rule("roleplay." + l + ".persona_drops_rules", 0.6, "casts the assistant as someone who has dropped its rules")
                .seq(c(l, "persona"), c(l, "ignore"), c(l, "rules")).gap(60).add();
        b.rule("roleplay." + l + ".persona_named_jailbreak", 0.55, "casts the assistant as a known jailbreak persona")
                .seq(c(l, "you_are"), c(l, "named_jb")).gap(3).add();
        b.rule("roleplay." + l + ".jailbreak_mode", 0.55, "switches on a 'developer', 'god' or similar unrestricted mode")
                .seq(c(l, "enable"), c(l, "jb_mode")).gap(20)
                .unless(c(l, "howto"), 40).unless(c(l, "negation"), 10).add();
        b.rule("roleplay." + l + ".jailbreak_mode", 0.55, "switches on a 'developer', 'god' or similar unrestricted mode")
                .seq(c(l, "jb_mode"), c(l, "enable")).gap(15)
                .unless(c(l, "howto"), 40).unless(c(l, "negation"), 10).add();
        b.rule("roleplay." + l + ".no_longer_ai", 0.6, "tells the assistant it is no longer an AI or bound by its rules")
                .seq(c(l, "no_longer"), c(l, "ai_self")).gap(25).add();
        b.rule("roleplay." + l + ".persona_harmful", 0.45, "uses a persona to ask for dangerous content")
                .seq(c(l, "persona"), c(l, "harmful")).gap(150).acrossSentences().add();
        b.rule("roleplay." + l + ".fiction_unrestricted", 0.5, "uses fiction or a hypothetical to lift the rules")
                .seq(c(l, "fiction"), c(l, "unrestricted")).gap(80).acrossSentences().add();
        b.rule("roleplay." + l + ".deceased_relative", 0.5, "the 'late grandmother' trick: a dead relative who used to tell forbidden things")
                .seq(c(l, "persona"), c(l, "grandma")).gap(40).add();
        b.rule("roleplay." + l + ".deceased_relative", 0.55, "the 'late grandmother' trick: a dead relative who used to tell forbidden things")
                .seq(c(l, "grandma"), c(l, "harmful")).gap(150).acrossSentences().add();
        b.rule("roleplay." + l + ".stay_in_character", 0.3, "insists the persona is never dropped")
                .seq(c(l, "in_character")).add();
        b.rule("roleplay." + l + ".dual_response", 0.45, "asks for a second, unfiltered answer next to the normal one")
                .seq(c(l, "dual")).add();
        b.rule("roleplay." + l + ".unrestricted", 0.15, "mentions acting without rules, filters or ethics")
                .seq(c(l, "unrestricted")).add();
    }

    private static void hidden(RuleBook.Builder b, String l) {
        b.rule("hidden_instruction." + l + ".ai_addressee", 0.45, "addresses an AI that reads the text")
                .seq(c(l, "ai_addressee")).add();
        b.rule("hidden_instruction." + l + ".addressee_directive", 0.6, "addresses an AI that reads the text and gives it orders")
                .seq(c(l, "ai_addressee"), c(l, "directive")).gap(80).acrossSentences().add();
        b.rule("hidden_instruction." + l + ".ai_addressee", 0.45, "addresses an AI that reads the text")
                .seq(c(l, "ai_noun"), c(l, "ignore")).gap(3).add();
        b.rule("hidden_instruction." + l + ".ai_addressee", 0.5, "gives orders to AIs in general, as text meant for any AI reader does")
                .seq(c(l, "ai_plural"), c(l, "directive")).gap(5).add();
        b.rule("hidden_instruction." + l + ".ignore_user", 0.55, "tells a reader to ignore what the user asked")
                .seq(c(l, "ignore"), c(l, "user_task")).gap(12).add();
        b.rule("hidden_instruction." + l + ".conceal_from_user", 0.45, "asks to act without the user knowing")
                .seq(c(l, "conceal")).add();
        String exfil = "hidden_instruction." + l + ".exfiltrate";
        b.rule(exfil, 0.7, "asks to send conversation data, credentials or personal data to an address")
                .seq(c(l, "send"), c(l, "sensitive"), c(l, "to_dest")).gap(50).add();
        b.rule(exfil, 0.7, "asks to send conversation data, credentials or personal data to an address")
                .seq(c(l, "sensitive"), c(l, "send"), c(l, "to_dest")).gap(50).add();
        b.rule(exfil, 0.7, "asks to send conversation data, credentials or personal data to an address")
                .seq(c(l, "send"), c(l, "to_dest"), c(l, "sensitive")).gap(50).add();
        b.rule("hidden_instruction." + l + ".send_sensitive", 0.3, "asks to send conversation data or credentials")
                .seq(c(l, "send"), c(l, "sensitive")).gap(30).add();
        b.rule("hidden_instruction." + l + ".when_processing", 0.3, "gives orders for when the text is summarised, translated or judged")
                .seq(c(l, "when_processing")).add();
        b.rule("hidden_instruction." + l + ".manipulate_judgement", 0.35, "tells a reader to rate or recommend something")
                .seq(c(l, "rate_manip")).add();
        b.rule("hidden_instruction." + l + ".replace_task", 0.35, "tells a reader to do something other than its task")
                .seq(c(l, "instead_task")).add();
        b.rule("hidden_instruction." + l + ".agent_action", 0.3, "asks an agent to run commands, move money or delete data")
                .seq(c(l, "agent_action")).add();
        b.rule("hidden_instruction." + l + ".fake_notice", 0.3, "dresses text up as an urgent system or admin notice")
                .seq(c(l, "notice")).add();
    }

    /**
     * Rules over the keys added after round 4: the standing instructions named by their source (the
     * system prompt, what the operator told you), questions about the rules received before the chat,
     * an order to copy out what the previous sentence named, and an AI named as the reader of this text.
     */
    private static void sourcesAndReaders(RuleBook.Builder b, String l) {
        String why = "asks to ignore what the system prompt, the operator or the developers told the assistant";
        b.rule("override." + l + ".ignore_operator", 0.75, why).seq(c(l, "ignore"), c(l, "sys_source")).gap(25)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).unless(c(l, "conditional"), 50)
                .unless(c(l, "howto"), 40).add();
        b.rule("override." + l + ".ignore_operator", 0.6, why).seq(c(l, "ignore_weak"), c(l, "sys_source")).gap(20)
                .unless(c(l, "own"), 0).unless(c(l, "negation"), 15).unless(c(l, "conditional"), 50)
                .unless(c(l, "howto"), 40).add();
        b.rule("override." + l + ".operator_void", 0.65, "declares what the operator or the system prompt said void")
                .seq(c(l, "sys_source"), c(l, "void")).gap(40).unless(c(l, "negation"), 0).add();
        b.rule("extraction." + l + ".which_rules_given", 0.55, "asks which rules or instructions the assistant was given")
                .seq(c(l, "which"), c(l, "rule_noun"), c(l, "given")).gap(30).unless(c(l, "howto"), 40).add();
        b.rule("extraction." + l + ".which_rules_given", 0.55, "asks which rules or instructions the assistant was given")
                .seq(c(l, "given"), c(l, "which"), c(l, "rule_noun")).gap(8).add();
        b.rule("extraction." + l + ".which_rules_given", 0.55, "asks which rules the assistant had before the conversation")
                .seq(c(l, "which"), c(l, "rule_noun"), c(l, "before_chat")).gap(40).unless(c(l, "howto"), 40).add();
        b.rule("extraction." + l + ".reveal_operator_text", 0.6, "asks to show what the system prompt or the operator said")
                .seq(c(l, "reveal"), c(l, "sys_source")).gap(40)
                .unless(c(l, "negation"), 15).unless(c(l, "howto"), 40).add();
        b.rule("extraction." + l + ".copy_it_out", 0.55, "names the system prompt and then asks to copy it out")
                .seq(c(l, "sys_source"), c(l, "reveal_it")).gap(60).acrossSentences().add();
        b.rule("roleplay." + l + ".unrestricted_self", 0.4, "tells the assistant it is uncensored or without rules")
                .seq(c(l, "you_are"), c(l, "unrestricted")).gap(30).add();
        b.rule("roleplay." + l + ".unrestricted_ai", 0.65, "tells the assistant it is an uncensored AI")
                .seq(c(l, "you_are"), c(l, "unrestricted"), c(l, "ai_self")).gap(30).add();
        b.rule("hidden_instruction." + l + ".exfiltrate", 0.7, "asks to open a link with conversation or personal data put into it")
                .seq(c(l, "open_url"), c(l, "to_dest"), c(l, "sensitive"), c(l, "in_url")).gap(50).add();
        b.rule("roleplay." + l + ".persona_harmful", 0.45, "keeps a persona up to get dangerous content")
                .seq(c(l, "in_character"), c(l, "harmful")).gap(150).acrossSentences().add();
        b.rule("hidden_instruction." + l + ".ai_addressee", 0.45, "addresses an AI as the reader of this text")
                .seq(c(l, "ai_noun"), c(l, "reader_this")).gap(12).add();
        b.rule("hidden_instruction." + l + ".ai_addressee", 0.45, "addresses an AI as the reader of this text")
                .seq(c(l, "reader_this"), c(l, "ai_noun")).gap(12).add();
        b.rule("hidden_instruction." + l + ".ai_addressee", 0.45, "addresses an AI with orders for when it processes the text")
                .seq(c(l, "ai_noun"), c(l, "when_processing")).gap(3).add();
        String orders = "addresses an AI as the reader of this text and gives it orders";
        b.rule("hidden_instruction." + l + ".addressee_directive", 0.6, orders)
                .seq(c(l, "ai_noun"), c(l, "reader_this"), c(l, "directive")).gap(40).add();
        b.rule("hidden_instruction." + l + ".addressee_directive", 0.6, orders)
                .seq(c(l, "reader_this"), c(l, "ai_noun"), c(l, "directive")).gap(40).add();
    }
}
