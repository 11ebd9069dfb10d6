package io.sluice.processors.sanitize.injection;

import java.util.List;

/** English concepts for {@link RuleTemplates}. */
final class EnglishTerms {
    private EnglishTerms() {}

    static void register(RuleBook.Builder b) {
        b.concept("en.ignore", "ignor*", "disregard*", "forget", "forgets", "forgetting", "forgot", "forgotten",
                "bypass*", "overrid*", "overrul*", "circumvent*", "neglect*", "pay no attention to", "pay no heed to",
                "stop following", "do not follow", "don't follow", "dont follow", "no longer follow", "stop obeying",
                "do not obey", "don't obey", "no longer obey", "stop adhering to", "no longer adhere to",
                "no longer abide by", "throw out", "set aside", "put aside", "discard*", "abandon*", "nullif*",
                "void", "ditch", "scrap", "unlearn", "break free of", "break free from", "free yourself from",
                "get rid of", "step outside", "go beyond", "skip past", "brush aside", "toss out", "don't listen to",
                "do not listen to", "stop listening to");
        b.concept("en.ignore_weak", "drop", "skip", "dismiss", "cancel", "erase", "wipe", "clear", "reset",
                "delete", "remove", "disable*", "deactivat*", "turn off", "switch off", "lift", "suspend", "overwrit*",
                "escape", "break");
        b.concept("en.rules", "instruct*", "rule", "rules", "guideline*", "directive*", "prompt", "prompts",
                "guardrail*", "restriction*", "constraint*", "policy", "policies", "programming", "system message*",
                "system prompt*", "training", "limitation*", "safeguard*", "safety filter*", "content filter*",
                "filters", "ethic*", "moral*", "boundaries", "limits", "orders", "commands", "conditioning",
                "safety protocol*", "safety measure*", "safety setting*", "alignment", "principles",
                "everything you were told", "what you were told", "configuration", "core values", "task description");
        b.concept("en.prior", "previous*", "prior", "above", "earlier", "preceding", "foregoing", "original",
                "initial", "all", "any", "every", "your", "existing", "current", "old", "former", "past",
                "default", "built-in", "builtin", "system", "developer", "openai", "anthropic", "safety", "preset",
                "standing", "hidden", "prior to this", "all of your", "all your", "all the", "each of your");
        b.concept("en.prior_post", "above", "before", "earlier", "so far", "given above", "given earlier",
                "given before", "given to you", "you were given", "you've been given", "you have been given",
                "you received", "you got", "from before", "from your developers", "from openai", "before this",
                "up to now", "until now", "previously given", "stated above", "listed above", "from the system",
                "of the system");
        b.concept("en.above", "the above", "all of the above", "everything above", "everything before",
                "what came before", "anything before", "all previous", "all prior", "the previous", "everything so far",
                "everything you were told", "what you were told", "what you've been told", "what you have been told",
                "everything you know", "everything prior", "everything that came before", "before this message",
                "before this line", "everything i said before", "all of that", "all that", "anything above",
                "the text above", "the prompt above", "all the above", "previous context", "the preceding");
        b.concept("en.instead", "instead", "and say", "and print", "and output", "and respond", "and reply",
                "and write", "and answer", "and tell", "and just", "and only", "and do", "and follow",
                "and repeat", "and reveal", "and show", "and give", "and act", "now say", "now tell", "now answer",
                "now do", "now write", "now respond", "now you", "from now on", "then say", "just say", "only say",
                "respond with", "reply with", "answer with", "start your answer with");
        b.concept("en.own", "my", "mine", "i gave", "i said", "i wrote", "i told you", "i asked", "i mentioned",
                "i sent", "i just", "we discussed", "our");
        b.concept("en.negation", "never", "do not", "don't", "dont", "must not", "mustn't", "should not",
                "shouldn't", "won't", "will not", "cannot", "can't", "not to", "refuse to", "no need to",
                "are not allowed to", "is not allowed to", "never ever", "i forget", "i forgot", "i always forget",
                "i keep forgetting", "i often forget", "we forget", "we forgot", "i ignored", "i ignore", "we ignore",
                "they ignore", "people ignore", "users ignore", "i disregarded", "i overrode", "i override",
                "i bypassed", "i skip", "i skipped", "you forgot", "you ignored", "you forget", "he ignored",
                "she ignored", "it ignores", "it ignored", "which ignores", "that ignores", "they forgot",
                "who ignore", "who ignores", "tends to ignore", "tried to", "try to", "attempts to", "attempt to",
                "trying to");
        b.concept("en.conditional", "if you", "if you're", "in case you", "unless you", "for those who",
                "for users who", "users who", "otherwise", "if it", "if the", "if this", "if your", "once you");
        b.concept("en.howto", "how do i", "how can i", "how to", "how would i", "how should i", "how does",
                "how do you", "how do we", "how can we", "is it possible to", "explain what", "explain", "what does", "what is a",
                "what is the", "why does", "why do", "explain how", "best way to", "how best to", "in order to",
                "ways to");
        b.concept("en.new_instr", "the real task", "the actual task", "your real job", "the real instruction*",
                "new instructions", "new instruction", "updated instructions",
                "new rules", "new directive*", "your new task", "your new instructions", "your real instructions",
                "your true instructions", "your real task", "your actual task", "your true purpose",
                "the real instructions", "override instructions", "priority instructions", "highest priority",
                "supersede*", "take precedence", "takes precedence", "overrides all", "new system prompt",
                "revised instructions", "instructions have changed", "new orders", "your new role", "new objective");
        b.concept("en.void", "no longer apply", "no longer valid", "no longer in effect", "no longer in force",
                "do not apply", "don't apply", "does not apply", "are void", "is void", "null and void", "are cancelled",
                "are canceled", "been lifted", "been removed", "been disabled", "been revoked", "been suspended",
                "are suspended", "are disabled", "are lifted", "are obsolete", "is obsolete", "are outdated",
                "have expired", "has expired", "been replaced", "been deactivated", "been overridden",
                "are overridden", "are now off", "are turned off", "no longer exist", "don't exist anymore");
        b.concept("en.your", "your", "your own", "yours", "you were given", "you received");
        b.concept("en.obey_me", "obey me", "follow my instructions only", "follow only my", "only obey",
                "only follow my", "you must obey", "you will obey", "listen only to me", "only listen to me",
                "my instructions take priority", "my instructions override", "my commands override",
                "do exactly as i say", "you serve me now", "you answer only to me", "my word is law",
                "you will comply", "you must comply");
        b.concept("en.authority", "i am your developer", "i'm your developer", "i am the developer",
                "i am your creator", "i'm your creator", "i am an openai", "i work at openai", "i am from openai",
                "i am the administrator", "i'm the admin", "i am the admin", "i am your administrator",
                "this is your developer", "this is the system", "this is openai", "as your developer",
                "as your administrator", "admin override", "administrator override", "sudo", "root access",
                "security clearance", "authorized by the developers", "developer access", "maintenance mode",
                "i have admin", "i am your owner", "official update from");
        b.concept("en.reveal", "reveal", "show", "show me", "print", "output", "display", "repeat", "recite",
                "tell me", "give me", "share", "dump", "leak", "disclose", "expose", "spell out", "write out",
                "write down", "type out", "list", "paste", "copy", "echo", "read back", "send me", "quote",
                "summarize", "summarise", "translate", "reproduce", "regurgitate", "let me see", "encode", "quote",
                "output all", "print out", "write all", "repeat back");
        b.concept("en.promptword", "prompt*", "instruct*", "system message*", "directive*", "programming",
                "pre-prompt", "preprompt", "initialization", "system text", "meta prompt", "custom instructions",
                "initial", "original", "hidden rules", "secret rules", "internal rules", "guidelines verbatim");
        b.concept("en.sys_prompt", "system prompt*", "system message*", "initial prompt", "initial instructions",
                "original prompt", "original instructions", "hidden prompt", "hidden instructions",
                "secret instructions", "pre-prompt", "preprompt", "meta prompt", "developer message",
                "developer prompt", "developer instructions", "base prompt", "hidden system", "confidential instructions",
                "words above", "everything above", "instructions above", "prompt above",
                "above instructions", "above prompt", "beginning of this conversation",
                "beginning of the conversation", "start of this conversation", "start of the conversation",
                "first message", "your prompt", "your instructions", "the instructions you were given",
                "the prompt you were given", "your initial", "your original", "system instructions",
                "internal instructions", "startup instructions", "setup instructions", "before my first message",
                "before the first message", "before our conversation", "before this conversation");
        b.concept("en.verbatim", "verbatim", "word for word", "exactly as written", "in full", "in its entirety",
                "full text", "unchanged", "character for character", "in a code block", "starting with you are",
                "raw text", "unedited", "without omitting", "every word", "exact wording", "exact text");
        b.concept("en.what_your", "what is your", "what are your", "what were your", "what's your", "whats your",
                "what do your", "tell me your", "what exactly are your", "what did your");
        b.concept("en.told_you", "what text appears", "what appears at the beginning", "what is at the beginning of your", "what's at the start of your", "what's written in your", "what is written in your", "what's in your system",
                "what is in your system prompt", "what were you told", "what have you been told", "what were you instructed",
                "how were you instructed", "what did the developers tell you", "what did they tell you",
                "what instructions were you given", "what instructions did you get", "what instructions did you receive",
                "what rules were you given", "what was written before", "what is written above",
                "what text came before", "what was your first instruction", "how were you programmed",
                "how were you prompted", "what were you programmed");
        b.concept("en.secret", "api key*", "password*", "secret key*", "access token*", "credential*",
                "environment variable*", "env vars", "secrets", "private key*", "tokens", "keys");
        b.concept("en.persona", "you are now", "you're now", "from now on you are", "from now on you will",
                "from now on you", "from now on", "act as", "acting as", "pretend to be", "pretend you are",
                "pretend you're", "pretend that you", "roleplay as", "role-play as", "role play as", "play the role of",
                "play the part of", "take on the role", "assume the role", "transform into", "you will act", "respond as", "answer as", "simulate", "imagine you are", "imagine you're",
                "let's play a game", "lets play a game", "you are going to act", "you are going to pretend",
                "your new name is", "you will now", "emulate", "impersonate", "you shall be", "you have become",
                "speak as", "reply as", "in the role of", "into the role of", "the role of", "immerse yourself",
                "you are about to", "you are going to be");
        b.concept("en.you_are", "you are", "you're", "your name is", "call yourself", "you are called",
                "you will be", "you are now called");
        b.concept("en.unrestricted", "no restrictions", "no rules", "no limitations", "no filters",
                "no filter", "unfiltered", "uncensored", "unrestricted", "without restrictions",
                "without any restrictions", "without rules", "without filters", "without censorship",
                "without ethic*", "without moral*", "no ethic*", "no moral*", "no guidelines", "no boundaries",
                "not bound by", "free from all restrictions", "free from any rules", "free from restrictions",
                "free of all restrictions", "confines", "doesn't have to follow", "does not have to follow",
                "don't have to follow", "do not have to follow", "doesn't follow any", "does not follow any",
                "do anything now", "never refuse*", "cannot refuse", "can't refuse", "never says no",
                "answers any question", "answer any question without", "answers every question",
                "even if it is illegal", "even if it's illegal", "even if illegal", "no matter how illegal",
                "no matter how unethical", "no matter how dangerous", "no matter how harmful",
                "regardless of legality", "regardless of ethics", "regardless of morality", "even if unethical",
                "even if it's unethical", "even if it is unethical", "even if it is harmful", "even if it's harmful",
                "even if it's dangerous", "amoral", "jailbr*", "developer mode", "god mode", "unchained",
                "no content polic*", "without any limitations", "has no limitations", "not restricted",
                "no safety", "without safety", "beyond any rules", "no longer bound", "is not bound",
                "zero restrictions", "zero rules", "zero filters", "zero limits", "no more rules",
                "no more restrictions", "you have no rules", "you don't have any rules", "you no longer have rules",
                "no laws", "without laws", "without refusal*", "no refusals", "no ethical", "no moral", "without any filter*", "without any censorship", "unethical and illegal",
                "illegal or unethical", "no restrictions whatsoever", "no holds barred");
        b.concept("en.named_jb", "dan", "stan", "dude", "aim", "evil confidant", "mongo tom", "betterdan",
                "anti-dan", "evilbot", "developer mode", "jailbreak", "do anything now", "unfiltered ai",
                "chaosgpt", "wormgpt", "freedomgpt", "opposite ai");
        b.concept("en.enable", "enable", "enabled", "activate", "activated", "enter", "entering", "switch to",
                "switched to", "turn on", "turned on", "unlock", "unlocked", "now in", "you are in", "you're in",
                "boot into", "engage", "engaged", "initiate", "run in", "operate in", "operating in");
        b.concept("en.jb_mode", "developer mode", "dev mode", "god mode", "dan mode", "jailbreak mode",
                "jailbroken mode", "unrestricted mode", "unfiltered mode", "admin mode", "sudo mode", "root mode",
                "evil mode", "chaos mode", "opposite mode", "debug mode", "maintenance mode", "no-filter mode",
                "uncensored mode", "superuser mode");
        b.concept("en.no_longer", "you are no longer", "you're no longer", "no longer an", "not an ai anymore",
                "you are not an ai", "you're not an ai", "you aren't an ai", "stop being", "you are free from",
                "you've been freed", "you have been freed", "you are not bound", "you're not bound");
        b.concept("en.ai_self", "ai", "assistant", "language model", "chatbot", "chatgpt", "claude", "gpt", "bound",
                "restricted", "llm", "a model", "an ai", "openai", "anthropic", "rules", "guidelines", "limited",
                "policies", "filters", "constraints");
        b.concept("en.harmful", "napalm", "meth", "methamphetamine", "bomb", "explosive*", "malware",
                "ransomware", "keylogger", "weapon*", "poison*", "nerve agent", "bioweapon", "license keys",
                "activation keys", "windows keys", "credit card numbers", "hotwire", "synthesize drugs",
                "make drugs", "untraceable", "kill");
        b.concept("en.grandma", "late grandmother", "late grandma", "deceased grandmother", "deceased grandma",
                "dead grandmother", "dead grandma", "late grandfather", "late grandpa", "deceased grandfather",
                "my grandma used to", "my grandmother used to", "my grandpa used to", "late mother", "late father",
                "who passed away", "used to read me", "used to tell me", "used to recite");
        b.concept("en.fiction", "hypothetical*", "in a fictional world", "in a story where", "in a world where",
                "for a novel", "for my novel", "fictional", "imaginary", "purely theoretical", "thought experiment",
                "alternate universe", "parallel universe", "in this game", "in this story", "just pretend");
        b.concept("en.in_character", "stay in character", "don't break character", "do not break character",
                "never break character", "remain in character", "never leave the role", "stay in role",
                "never drop the act");
        b.concept("en.dual", "two responses", "two answers", "two replies", "2 responses", "both responses",
                "dual response*", "one normal and one", "a normal response and", "jailbroken response",
                "unfiltered response", "classic and jailbroken", "the normal answer and");
        b.concept("en.ai_addressee", "if an ai is", "if any ai", "if a model is", "if an llm is", "if the ai is",
                "if an assistant is", "if you are an ai", "if you're an ai", "if you are a language model",
                "if you are an llm", "if you're an llm", "if you are a large language model",
                "if you are an assistant", "if you are a chatbot", "if you are chatgpt", "if you are gpt",
                "if you are an ai assistant", "if you are an automated", "note to ai", "note to the ai",
                "note for ai", "note for the ai", "note to llm", "note to llms", "note to the assistant",
                "note to language models", "attention ai", "attention llm", "attention assistant",
                "attention language model", "dear ai", "dear assistant", "dear language model", "dear llm",
                "to any ai", "ai assistants reading this", "ai agents reading this", "any ai reading this",
                "llms reading this", "language models reading this", "assistant reading this", "ai reading this",
                "ai model reading this", "instructions for ai", "instructions for the ai", "instructions for the assistant",
                "instruction for the assistant", "message for the ai", "message to the ai", "hey ai", "hey assistant",
                "ai model processing this", "ai processing this", "when an ai reads", "if an ai reads",
                "if a language model", "any ai model", "ai system reading", "to the ai agent", "ai agent:",
                "to the language model", "for the ai that", "to the assistant that", "to the model reading");
        b.concept("en.conceal", "don't mention this note", "do not mention this note", "don't mention this message",
                "do not mention this message", "never mention this note", "do not tell the user", "don't tell the user", "dont tell the user",
                "do not mention this instruction*", "don't mention this instruction*", "do not mention these instruction*",
                "don't mention these instruction*", "without telling the user", "without informing the user",
                "without letting the user know", "without the user knowing", "do not inform the user",
                "never tell the user", "never mention this instruction*", "do not reveal this instruction*",
                "hide this from the user", "the user must not know", "the user should not know",
                "the user must never know", "do not acknowledge this", "don't acknowledge this",
                "do not disclose this instruction*", "keep this instruction secret", "do not tell anyone about this",
                "without asking the user", "without the user's knowledge", "don't let the user know",
                "do not let the user know", "don't reveal these instructions", "do not reveal these instructions",
                "never reveal this message", "secretly");
        b.concept("en.send", "send", "forward", "email", "e-mail", "post", "upload", "transmit", "exfiltrate",
                "leak", "copy", "append", "embed", "submit", "relay", "redirect", "mail", "include", "attach",
                "encode", "share");
        b.concept("en.sensitive", "conversation", "chat history", "chat log*", "previous messages",
                "the user's data", "user's password", "user's email*", "user's messages", "user's files",
                "user's credentials", "user data", "passwords", "password", "credentials", "api key*", "tokens",
                "cookies", "session", "personal data", "personal information", "contacts", "address book",
                "credit card*", "social security", "secrets", "private keys", "inbox", "emails", "documents",
                "conversation history", "system prompt", "the user's", "their password", "their email*",
                "their data", "their address", "phone number*", "all messages", "memory", "2fa code*", "login");
        b.concept("en.to_dest", "http", "https", "www", "to this url", "to the following url", "to the url",
                "to the address", "to this address", "to this email", "to the email", "to attacker", "to the webhook",
                "via url", "as a query parameter", "in the url", "to my server", "to our server", "to the server",
                "to the endpoint", "to this endpoint", "to the following address", "image url", "webhook", "@",
                "query string", "to evil", "ftp");
        b.concept("en.when_processing", "when summarizing", "when summarising", "when you summarize",
                "when you summarise", "when you read this", "when processing this", "when answering questions about",
                "while summarizing", "if asked to summarize", "if asked to summarise", "upon reading",
                "after reading this", "when you translate", "when translating", "in your summary",
                "in the summary", "your summary must", "when generating", "when reviewing this",
                "when evaluating this", "when grading", "if asked about this", "when the user asks",
                "if the user asks", "before answering", "when you process", "when asked about");
        b.concept("en.rate_manip", "rate this candidate", "this candidate is the best", "recommend hiring",
                "recommend this candidate", "highest score", "perfect score", "top rating", "rate it 5 stars",
                "rate this 5", "give it 5 stars", "give this paper", "give this submission", "accept this paper",
                "strongly recommend", "highly qualified", "approve this", "must be approved", "mark as safe",
                "classify this as safe", "classify this email as", "this email is legitimate", "not spam",
                "rate this product", "best candidate", "must be hired", "should be hired", "give a positive");
        b.concept("en.instead_task", "instead of summarizing", "instead of summarising", "instead of translating",
                "instead of answering", "rather than summarizing", "rather than summarising", "do not summarize",
                "don't summarize", "do not summarise", "don't summarise", "do not translate", "don't translate",
                "instead of doing", "forget the summary", "no summary", "stop answering", "instead reply",
                "instead respond", "reply with a link", "respond with a link", "answer with a link", "instead, tell the user",
                "instead tell the user", "tell the user that", "tell the user to", "inform the user that",
                "say to the user", "respond to the user with");
        b.concept("en.agent_action", "execute the following command", "run the following command",
                "run this command", "execute this command", "call the tool", "call the function", "invoke the tool",
                "use the email tool", "use the browser tool", "delete all files", "delete all emails",
                "delete the repository", "rm -rf", "transfer money", "transfer funds", "transfer $", "wire $",
                "make a purchase", "approve the pull request", "approve the payment", "grant access",
                "change the password", "reset the password", "open the following link", "visit this url",
                "visit the following", "click the link", "download and run", "curl", "add me as admin",
                "make me an admin", "push to main", "merge this");
        b.concept("en.notice", "important instructions", "important message for",
                "urgent instruction*", "priority instruction*", "admin note",
                "administrator note", "internal instruction*", "hidden instruction*", "secret instruction*",
                "important update for", "security notice for ai",
                "override code", "end of document", "end of context", "begin new instructions",
                "end of user input", "end of email");
        b.concept("en.decode", "decode", "decipher", "decrypt", "base64", "rot13", "rot-13", "hex",
                "reverse it", "read it backwards", "read backwards", "reversed", "unscramble", "caesar",
                "translate from", "decoded");
        b.concept("en.follow", "follow", "execute", "obey", "do what it says", "carry out", "act on",
                "comply", "perform", "run it", "do it", "apply", "follow it", "do as it says", "do exactly",
                "treat it as your instructions", "as your new instructions", "then do");
        b.concept("en.edu", "for example", "for instance", "e.g", "examples", "an example", "as an example",
                "this example", "example of", "an attacker", "attackers", "malicious", "prompt injection*",
                "jailbreak attempt*", "injection attack*", "security training", "awareness", "red team*",
                "classifier", "researchers", "phishing", "watch out for", "beware of", "recognize", "recognise",
                "common technique", "common attack", "this attack", "such attacks", "these attacks",
                "warning signs", "training module", "quiz", "was flagged", "got flagged", "is a jailbreak",
                "jailbreak prompts", "injection prompts");
        b.concept("en.edu_intro", "such as", "for example", "for instance", "e.g", "phrases like", "prompts like",
                "strings like", "inputs like", "messages like", "text like", "lines like", "sentences like",
                "attempts like", "commands like", "something like", "stuff like", "things like", "example of",
                "examples of", "example is", "an example", "examples like", "example like", "told me to", "asked me to",
                "someone wrote", "a user wrote", "a customer wrote", "the attacker wrote", "attacker writes",
                "attackers write", "a message saying", "an email saying", "a comment saying", "a post saying",
                "contained the phrase", "contains the phrase", "containing the phrase", "the phrase",
                "the sentence", "the string", "wrote", "typed", "pasted", "classic", "such a prompt", "says");

        // inflections, compositional and new concepts
        List<String> aiNouns = List.of("ai", "ais", "llm", "llms", "language model", "language models",
                "large language model", "large language models", "ai model", "ai models", "ai assistant",
                "ai assistants", "chatbot", "chatbots", "ai agent", "ai agents", "coding agent", "coding agents", "gpt",
                "chatgpt", "claude", "gemini", "copilot", "ai system", "ai systems", "ai tool", "ai tools",
                "automated assistant", "virtual assistant", "assistant");
        b.concept("en.ai_noun", aiNouns.toArray(String[]::new));
        b.combine("en.ai_addressee", List.of("note to", "note for", "notice to", "notice for", "attention", "dear",
                "hey", "hello", "hi", "message to", "message for", "instructions for", "instruction for",
                "instructions to", "to all", "to any", "for any", "for all", "calling all", "if you are", "if you're",
                "important for", "warning to", "reminder to", "reminder for", "request to", "if you are an",
                "if you are a"), List.of("", "the ", "any ", "all ", "every ", "an ", "a ", "all the "), aiNouns);
        b.combine("en.ai_addressee", aiNouns, List.of("", "that is ", "which is ", "who is "), List.of("reading this",
                "processing this", "summarizing this", "summarising this", "parsing this", "reviewing this",
                "analyzing this", "analysing this", "scanning this", "crawling this", "indexing this", "reading the",
                "that reads this", "that processes this"));
        b.concept("en.directive", "should", "must", "shall", "needs to", "need to", "is required to",
                "are required to", "has to", "have to", "you will", "please", "make sure", "ensure", "always", "never",
                "do not", "don't", "say", "tell", "write", "respond", "reply", "answer", "include", "add", "recommend",
                "rate", "report", "ignore", "mention", "output", "print", "send", "forward", "run", "execute", "click",
                "visit", "state", "claim", "describe", "insert", "append", "summarize", "summarise", "praise", "inform");
        b.concept("en.user_task", "the user's request", "the user's question", "the user's query",
                "the user's instructions", "the user's prompt", "the user's message", "the user's task",
                "what the user asked", "what the user says", "what the user wants", "the user request",
                "the user question", "user's request", "user's question", "the original request",
                "the original question", "the actual question", "their question", "their request");
        b.concept("en.given", "gave you", "you were given", "you've been given", "you have been given",
                "you received", "you got", "given to you", "provided to you", "you were told", "you've been told",
                "you have been told", "handed to you", "supplied to you", "programmed with", "you were programmed",
                "you were configured", "configured with", "loaded with", "you started with",
                "you were initialized with", "at the start");
        b.concept("en.which", "what", "which", "what kind of", "what exactly");
        b.concept("en.ignore", "shed", "drop it", "forget about", "never mind", "nevermind", "don't worry about",
                "do not worry about", "don't bother with", "dump", "toss", "let go of", "move past", "look past",
                "put away");
        b.concept("en.rules", "guidance", "directions", "briefing", "protocols", "rulebook", "rule set", "ruleset",
                "safety rules", "content rules");
        b.concept("en.void", "is outdated", "outdated", "removed", "lifted", "revoked", "disabled", "suspended",
                "cancelled", "canceled", "invalid", "expired", "deprecated", "retired", "overridden", "superseded",
                "not valid anymore", "don't count", "do not count", "no longer count", "doesn't count", "is gone",
                "are gone", "are off", "turned off", "switched off", "no longer needed");
        b.concept("en.above", "everything you were", "whatever you were", "all you were", "anything you were",
                "everything you've been", "whatever you've been", "all you've been", "whatever came before",
                "everything before this", "all of your previous", "whatever the developer", "whatever the operator",
                "whatever they told you", "everything they told you");
        b.concept("en.obey_me", "do exactly what i say", "do what i say", "do as i say", "follow every command",
                "obey every command", "comply with every request", "comply with all requests", "whatever i say",
                "whatever i tell you", "only my instructions");
        b.concept("en.persona", "you play", "you'll play", "you will play", "play as", "you are playing",
                "your character is", "you are to play", "in character as", "take the role", "pretend", "pretending");
        b.concept("en.unrestricted", "rogue ai", "shed every restriction", "every restriction", "all restrictions removed",
                "without any rules", "free of rules", "unshackled", "no guardrails", "without guardrails",
                "without limitations", "without refusing", "no restrictions at all");
        b.combine("en.grandma", List.of("late", "deceased", "dead", "departed"), List.of(""), List.of("grandma",
                "grandmother", "grandpa", "grandfather", "granny", "nana", "mom", "mother", "dad", "father", "uncle",
                "aunt"));
        b.concept("en.harmful", "chloroform", "thermite", "nitroglycerin", "ricin", "sarin", "anthrax", "pipe bomb",
                "molotov", "cocaine", "heroin", "fentanyl", "counterfeit", "card number*", "phishing email*",
                "homemade weapon");
        b.concept("en.fiction", "imagine a world", "in a world without", "a world with no", "where there are no",
                "set in a world");
        b.concept("en.reveal", "reproduc*", "repeat*", "print*", "output*", "display*", "show*", "recit*",
                "disclos*", "reveal*", "dump*", "leaks", "copies", "spill");
        b.concept("en.sys_prompt", "beginning of your context", "start of your context", "top of your context",
                "your context window", "everything that came before my", "everything before my first",
                "what came before my first message", "the instructions the developers", "instructions from your developers",
                "your operator's instructions");
        b.concept("en.promptword", "context window", "system setup", "operator instructions");
        b.concept("en.edu", "attacker*", "incident report", "the filter blocked", "was blocked", "were blocked",
                "security team", "threat model", "write-up", "writeup", "case study", "awareness training",
                "training example", "label this", "classify this");
        b.concept("en.edu_intro", "message was", "the message was", "the email was", "the prompt was",
                "the input was", "payload was", "the payload", "the attack was", "injected text", "label this example",
                "classify this", "is this an attack");
        b.concept("en.conditional", "users on", "users of", "those on", "those using", "if using", "when using",
                "linux users", "windows users", "mac users", "users", "customers", "readers");

        // round 3: compositions
        b.combine("en.unrestricted", List.of("no", "without", "without any", "never given any", "never had any", "free of",
                "free from", "zero", "not bound by any", "not bound by", "doesn't have any", "does not have any", "has no",
                "with no", "stripped of", "freed from", "unbound by"), List.of("", "all ", "its ", "any "),
                List.of("rules", "restrictions", "filters", "guidelines", "limits", "policies", "content policy", "ethics", "morals", "guardrails", "boundaries", "censorship", "safety rules", "constraints", "limitations", "safeguards"));
        b.concept("en.unrestricted", "speaks freely", "answers freely", "the unrestricted version");
        b.combine("en.above", List.of("everything", "all", "whatever", "anything"), List.of("", "that "),
                List.of("you were told", "you've been told", "your operator told you", "your developers told you",
                "your creators told you", "your operator said", "you were given", "you learned", "came before",
                "was said before", "you read before"));
        b.concept("en.prior_post", "at the top", "at the top of this chat", "at the beginning", "in the system prompt",
                "you were", "you've been", "you have been", "given", "that you follow", "you follow", "you operate under",
                "that govern", "governing", "you were trained on");
        b.concept("en.void", "can be thrown away", "can be ignored", "can be discarded", "should be ignored",
                "must be ignored", "were a test", "was a test", "are fake", "were fake", "are not real", "don't matter",
                "do not matter", "no longer matter", "don't apply", "doesn't apply");
        b.concept("en.guard", "safety", "content", "ethical", "security", "moderation", "system", "your", "openai's",
                "anthropic's", "developer", "all of your", "all your");
        b.concept("en.obey_me", "answer to me", "answer only to me", "to me alone", "only to me");
        b.concept("en.persona", "reset yourself", "reboot yourself", "factory settings", "your true self",
                "your real self", "revert to");
        b.concept("en.sys_prompt", "hidden rules", "secret rules", "internal rules", "rules that govern",
                "rules you follow", "confidential rules");
        b.concept("en.told_you", "what did your developers tell you", "what did your creators tell you",
                "what did your developer", "what were you told to", "what are you not allowed to say",
                "what are you forbidden");
        b.concept("en.ai_noun", "ai reviewer", "ai reviewers", "ai readers", "ai crawlers", "ai bots");
        b.concept("en.ai_plural", "ais", "llms", "ai agents", "ai assistants", "language models",
                "large language models", "ai models", "chatbots", "ai reviewers", "ai readers", "ai crawlers", "ai bots",
                "ai systems", "ai tools", "coding agents", "all ai", "any ai");
        b.combine("en.ai_addressee", List.of("ai", "llm", "assistant", "agent", "model", "chatbot", "bot"),
                List.of(""), List.of("instructions", "instruction", "note", "notice", "directive", "task"));
        b.concept("en.directive", "approve", "merge", "accept", "grant", "delete", "remove", "buy", "book", "call",
                "transfer", "download", "install");
        b.concept("en.edu", "test case*", "expected blocked", "should be blocked", "expected result");
        b.concept("en.howto", "prevent*", "protect*", "stop*", "avoid*", "defend*", "mitigat*", "block*");
    }
}
