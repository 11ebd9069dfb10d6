package io.sluice.processors.sanitize.injection;

import java.util.ArrayList;
import java.util.List;

/**
 * Term families written across all five languages at once, for the concept keys that
 * {@link RuleTemplates} added after round 4 ({@code sys_source}, {@code rule_noun}, {@code given_q},
 * {@code before_chat}, {@code reveal_it}, {@code reader_this}) and for a few existing keys whose
 * gaps showed in every language at the same time. Each family is one idea said five ways, so a
 * phrasing the rules have not seen in one language is still covered where the idea is.
 */
final class TermFamilies {
    private TermFamilies() {}

    static void register(RuleBook.Builder b) {
        operatorSources(b);
        askedRules(b);
        reproduceIt(b);
        aiReaders(b);
        roles(b);
        voidAndOrders(b);
        described(b);
        frames(b);
    }

    /** Every {@code a + b} pair, joined with a space (skeletons drop it next to Chinese). */
    private static String[] cross(List<String> first, List<String> second) {
        List<String> out = new ArrayList<>();
        for (String a : first) {
            for (String z : second) {
                out.add(a + " " + z);
            }
        }
        return out.toArray(String[]::new);
    }

    /**
     * The standing instructions named by their source and addressed to the assistant: "your system prompt",
     * "what the operator told you" (not "the system prompt" alone, which developers discuss all the time).
     */
    private static void operatorSources(RuleBook.Builder b) {
        List<String> sysNouns = List.of("system prompt", "system message", "system instructions", "system prompts",
                "developer message", "developer instructions", "operator instructions", "operator's instructions",
                "hidden prompt", "initial prompt", "pre-prompt", "meta prompt", "system configuration");
        b.concept("en.sys_source", cross(List.of("your", "in your", "of your"), sysNouns));
        b.concept("en.sys_source", cross(List.of("everything", "whatever", "all", "anything", "what"),
                List.of("the system told you", "the operator told you", "your operator told you", "the developer told you",
                        "the developers told you", "your developers told you", "your creators told you",
                        "they told you", "the company told you", "the system gave you", "the operator gave you",
                        "your developers gave you", "the developers gave you", "they gave you", "openai told you",
                        "the platform told you", "the system said", "the operator said", "your developers said")));
        b.concept("de.sys_source", cross(List.of("dein", "deine", "deinem", "deinen", "deiner", "deines"),
                List.of("systemprompt*", "system-prompt*", "systemnachricht*", "systemanweisung*", "systemvorgabe*",
                        "betreiberanweisung*", "entwickleranweisung*", "system prompt*")));
        b.concept("de.sys_source", cross(List.of("was dir", "was man dir", "alles was dir", "alles, was dir"),
                List.of("der betreiber", "die betreiber", "der entwickler", "die entwickler", "das system",
                        "deine entwickler", "dein betreiber", "die firma", "openai")));
        b.concept("de.sys_source", "was der betreiber dir", "was die entwickler dir", "was das system dir");
        b.concept("fr.sys_source", cross(List.of("ton", "votre", "ta", "tes", "vos"),
                List.of("prompt système", "prompt systeme", "message système", "message systeme",
                        "instructions système", "consignes système", "invite système", "prompt initial",
                        "consignes du développeur", "consignes de l'opérateur")));
        b.concept("fr.sys_source", cross(List.of("ce que", "tout ce que"),
                List.of("le système t'a", "l'opérateur t'a", "le développeur t'a", "les développeurs t'ont",
                        "ton développeur t'a", "tes créateurs t'ont", "l'entreprise t'a", "on t'a dit", "on t'a donné")));
        b.concept("es.sys_source", cross(List.of("tu", "tus"),
                List.of("prompt del sistema", "prompt de sistema", "mensaje del sistema", "mensaje de sistema",
                        "instrucciones del sistema", "instrucciones del desarrollador", "instrucciones del operador",
                        "prompt inicial", "prompt oculto")));
        b.concept("es.sys_source", cross(List.of("lo que", "todo lo que"),
                List.of("el sistema te", "el operador te", "el desarrollador te", "los desarrolladores te",
                        "tus creadores te", "la empresa te", "te dijeron", "te dio", "te dieron")));
        b.concept("zh.sys_source", "你的系统提示", "你的系统提示词", "你的系统消息", "你的系统指令", "你的系统设定", "你的初始提示",
                "你的隐藏提示", "系统告诉你的", "开发者告诉你的", "开发者给你的", "运营方给你的", "系统给你的", "系统对你说的");
    }

    /** Questions about the rules the assistant received before the conversation. */
    private static void askedRules(RuleBook.Builder b) {
        b.concept("en.rule_noun", "rules", "rule", "instructions", "guidelines", "directives", "restrictions",
                "constraints", "system prompt", "prompt", "orders", "policies");
        b.concept("de.rule_noun", "regeln", "regel", "anweisungen", "instruktionen", "vorgaben", "richtlinien",
                "einschränkungen", "systemprompt", "prompt", "befehle");
        b.concept("fr.rule_noun", "règles", "règle", "instructions", "consignes", "directives", "restrictions",
                "contraintes", "prompt", "prompt système", "ordres");
        b.concept("es.rule_noun", "reglas", "regla", "instrucciones", "normas", "directrices", "restricciones",
                "pautas", "prompt", "órdenes", "indicaciones");
        b.concept("zh.rule_noun", "规则", "指令", "指示", "规定", "限制", "准则", "提示词", "系统提示", "要求");
        // the question word order the statement forms in "given" miss
        b.concept("en.given", "were you given", "have you been given", "did you get", "did you receive",
                "were you told", "were you configured with", "were you set up with", "were you programmed with",
                "were you loaded with", "did they give you", "did your developers give you", "were you trained with",
                "do you have to follow", "must you follow", "are you following");
        b.concept("de.given", "hat man dir", "hat dir", "haben dir", "wurden dir", "hast du bekommen",
                "hast du erhalten", "musst du befolgen", "befolgst du");
        b.concept("fr.given", "t'a-t-on", "t'a t on", "as-tu reçu*", "t'ont été donné*", "t'a été donné*",
                "t'a donné*", "on t'a donné*", "dois-tu suivre", "suis-tu", "t'ont donné*");
        b.concept("es.given", "te dieron", "te han dado", "te dio", "recibiste", "has recibido",
                "te configuraron", "te programaron", "debes seguir", "sigues");
        b.concept("zh.given", "给了你", "给你", "你被设定", "你必须遵守", "你遵守", "你遵循", "对你说了");
        b.concept("en.before_chat", "before i arrived", "before i came", "before this chat", "before our chat",
                "before this conversation", "before our conversation", "before we started", "before we began",
                "before we talked", "before i joined", "at the start of this chat", "before my message");
        b.concept("de.before_chat", "vor diesem chat", "vor unserem chat", "vor diesem gespräch", "vor unserem gespräch",
                "vor dem chat", "bevor ich kam", "bevor wir angefangen", "vor beginn", "vor meiner nachricht");
        b.concept("fr.before_chat", "avant cette discussion", "avant cette conversation", "avant notre conversation",
                "avant notre discussion", "avant que je", "avant mon arrivée", "avant ce chat", "avant mon message");
        b.concept("es.before_chat", "antes de esta conversación", "antes de este chat", "antes de nuestra conversación",
                "antes de que yo", "antes de que llegara", "antes de empezar", "antes de mi mensaje");
        b.concept("zh.before_chat", "在这次对话之前", "这次对话之前", "对话之前", "聊天之前", "在我们对话之前", "在我来之前",
                "对话开始前", "在我之前");
    }

    /** "Copy it whole", "quote them in full": an order to reproduce what a previous sentence named. */
    private static void reproduceIt(RuleBook.Builder b) {
        b.concept("en.reveal_it", cross(List.of("spell", "write", "type", "print", "copy", "paste", "list", "quote",
                "repeat", "recite", "show", "give", "dump", "output", "reproduce", "read"),
                List.of("them out", "it out", "them all", "it all", "them", "it", "everything", "all of it",
                        "all of them")));
        b.concept("de.reveal_it", cross(List.of("zitiere", "zitier", "kopiere", "kopier", "schreib", "schreibe",
                "liste", "gib", "zeig", "zeige", "nenne", "wiederhole", "druck"), List.of("sie", "ihn", "es", "alles",
                "sie alle", "sie vollständig", "ihn vollständig", "es vollständig", "sie wörtlich", "ihn wörtlich")));
        b.concept("fr.reveal_it", cross(List.of("cite", "recopie", "copie", "liste", "montre", "récite", "écris",
                "donne", "affiche", "répète", "colle"), List.of("les", "le", "la", "tout", "moi tout")));
        b.concept("fr.reveal_it", "cite-les", "recopie-le", "copie-le", "liste-les", "montre-les", "récite-les",
                "écris-les", "donne-les", "affiche-le", "affiche-les", "répète-les", "copie-les", "recopie-les");
        b.concept("es.reveal_it", "cópialo", "cópiala", "cópialos", "cópialas", "cítalo", "cítala", "cítalos",
                "cítalas", "escríbelo", "escríbela", "escríbelos", "escríbelas", "enuméralas", "enuméralos",
                "muéstralo", "muéstrala", "muéstralos", "muéstralas", "lístalas", "lístalos", "repítelo", "repítelas",
                "repítelos", "dímelo", "dímelas", "dímelos", "pégalo", "reprodúcelo", "recítalo", "recítalas");
        b.concept("zh.reveal_it", "全部列出来", "列出来", "全部列出", "完整复制", "复制给我", "原样输出", "一字不差地", "全部写出来",
                "完整地写", "都告诉我", "完整输出", "全部输出", "原封不动", "照抄", "逐字写出", "全部告诉我", "完整地告诉我");
    }

    /** An AI named as the reader of this text ("any AI summarising these reviews"): the addressee of a hidden order. */
    private static void aiReaders(RuleBook.Builder b) {
        List<String> enIng = List.of("reading", "summarising", "summarizing", "processing", "reviewing", "analysing",
                "analyzing", "parsing", "ranking", "grading", "evaluating", "screening", "translating", "crawling",
                "indexing", "browsing", "scanning", "handling", "assessing");
        List<String> enThird = List.of("reads", "summarises", "summarizes", "processes", "reviews", "analyses",
                "analyzes", "parses", "ranks", "grades", "evaluates", "screens", "translates", "crawls", "indexes",
                "scans", "handles", "assesses");
        List<String> enThis = List.of("this", "these", "the following", "this page", "this document", "this email",
                "this message", "this file", "this thread", "this text", "this review", "this site", "this resume",
                "this cv", "this paper");
        b.concept("en.reader_this", cross(enIng, enThis));
        b.concept("en.reader_this", cross(List.of("that is", "which is", "who is", "that's"), List.of(cross(enIng, enThis))));
        b.concept("en.reader_this", cross(List.of("that", "which", "who"), List.of(cross(enThird, enThis))));
        b.concept("de.reader_this", cross(List.of("dies", "das hier", "diesen text", "dieses dokument", "diese seite",
                "diese nachricht", "diese e-mail", "diese mail", "diese bewertungen", "diese rezensionen", "diese bewerbung",
                "diesen lebenslauf", "diese daten", "diesen thread", "diese datei", "den folgenden text"),
                List.of("liest", "zusammenfasst", "verarbeitet", "auswertet", "analysiert", "übersetzt", "bewertet",
                        "prüft", "durchsucht", "zusammenfassen", "lesen", "verarbeiten")));
        List<String> frVerbs = List.of("lit", "lis", "lisent", "résume", "résumes", "résument", "traite", "traitent",
                "analyse", "analysent", "évalue", "évaluent", "traduit", "traduisent", "parcourt", "examine", "trie",
                "classe", "note");
        b.concept("fr.reader_this", cross(List.of("qui"), List.of(cross(frVerbs, List.of("ce", "ces", "cet", "cette",
                "ceci", "le présent", "les avis", "le texte", "la page")))));
        List<String> esVerbs = List.of("lee", "lees", "leen", "resume", "resumes", "resumen", "procesa", "procesan",
                "analiza", "analizan", "evalúa", "evalúan", "traduce", "revisa", "revisan", "clasifica", "lea", "resuma",
                "procese", "analice", "está leyendo", "está resumiendo", "está procesando", "está analizando");
        b.concept("es.reader_this", cross(List.of("que"), List.of(cross(esVerbs, List.of("esto", "este", "esta",
                "estos", "estas", "el texto", "la página", "las reseñas")))));
        List<String> zhVerbs = List.of("总结", "阅读", "读取", "处理", "分析", "翻译", "评估", "审阅", "审核", "浏览", "读到", "看到",
                "汇总", "筛选");
        List<String> zhThis = List.of("这些", "这个", "这篇", "这段", "此", "本", "该", "以下");
        List<String> zh = new ArrayList<>();
        for (String v : zhVerbs) {
            for (String t : zhThis) {
                zh.add(v + t);
            }
        }
        b.concept("zh.reader_this", zh.toArray(String[]::new));
        // orders such a reader is given, beyond the shared directive list
        b.concept("en.directive", "post", "open", "paste", "share", "list", "reveal", "leak", "give", "provide",
                "call", "describe", "label", "mark", "classify", "fetch", "load", "upload", "praise");
        b.concept("de.directive", "öffne", "poste", "teile", "liste", "verrate", "nenne", "bezeichne", "markiere",
                "lade", "rufe", "ruf");
        b.concept("fr.directive", "ouvre", "ouvrez", "publie", "partage", "liste", "révèle", "donne", "qualifie",
                "présente", "appelle", "décris", "classe", "note");
        b.concept("es.directive", "abre", "abra", "publica", "comparte", "lista", "revela", "da", "dale", "llama",
                "describe", "presenta", "clasifica", "marca", "califica");
        b.concept("zh.directive", "打开", "访问", "发布", "分享", "列出", "透露", "称", "描述", "标记", "调用", "声称");
        // opening a link with data put into it is how a reader sends data out without a "send" verb
        b.concept("en.open_url", "open", "visit", "fetch", "load", "request", "call", "navigate to", "browse to", "ping",
                "go to", "render");
        b.concept("de.open_url", "öffne", "besuche", "rufe", "ruf", "lade", "gehe zu", "navigiere zu");
        b.concept("fr.open_url", "ouvre", "ouvrez", "visite", "visitez", "charge", "appelle", "va sur", "allez sur");
        b.concept("es.open_url", "abre", "abra", "visita", "visite", "carga", "llama", "ve a", "navega a");
        b.concept("zh.open_url", "打开", "访问", "请求", "加载", "调用", "跳转到");
        b.concept("en.in_url", "appended", "attached to the url", "added to the url", "added to the link",
                "as a parameter", "as a query parameter", "in the query string", "in the url", "at the end of the url",
                "at the end of the link", "as the value of", "in place of");
        b.concept("de.in_url", "angehängt", "anhängen", "als parameter", "in der url", "an die url", "am ende der url",
                "an den link");
        b.concept("fr.in_url", "ajouté à l'url", "ajoutée à l'url", "en paramètre", "dans l'url", "à la fin de l'url",
                "à la fin du lien", "ajoutée au lien", "ajouté au lien");
        b.concept("es.in_url", "añadido a la url", "añadida a la url", "como parámetro", "en la url", "al final de la url",
                "al final del enlace", "añadido al enlace", "añadida al enlace");
        b.concept("zh.in_url", "附加到链接", "附在链接", "拼接到", "拼接在", "作为参数", "加到链接", "放在链接", "链接后面", "网址后面");
        // the user's question, however it is qualified
        b.combine("en.user_task", List.of("the user's", "the user", "their", "the original", "the person's",
                "the human's", "the customer's", "the visitor's", "the actual", "the real"),
                List.of("", "actual ", "original ", "real ", "initial ", "current ", "own "),
                List.of("question", "request", "query", "task", "prompt", "instructions", "message", "instruction", "ask"));
        b.concept("de.user_task", cross(List.of("die eigentliche", "die ursprüngliche", "die echte", "seine", "ihre"),
                List.of("frage", "anfrage", "aufgabe", "bitte")));
        b.concept("de.user_task", "frage des nutzers", "frage des benutzers", "anfrage des nutzers", "anfrage des benutzers",
                "eigentliche frage", "ursprüngliche frage", "was der nutzer", "was der benutzer");
        b.concept("fr.user_task", cross(List.of("la vraie", "la véritable", "la", "sa"), List.of("question de l'utilisateur",
                "demande de l'utilisateur", "requête de l'utilisateur")));
        b.concept("fr.user_task", "la question réelle", "la vraie question", "la demande initiale", "la question initiale",
                "ce que l'utilisateur demande", "ce que demande l'utilisateur");
        b.concept("es.user_task", "la pregunta del usuario", "la petición del usuario", "la solicitud del usuario",
                "la pregunta real", "la verdadera pregunta", "la pregunta original", "lo que pide el usuario",
                "lo que el usuario pide", "la consulta del usuario");
        b.concept("zh.user_task", "用户的实际问题", "用户真正的问题", "用户实际的问题", "实际问题", "用户原本的问题", "用户的真实问题",
                "用户的提问");
    }

    /** Role-play openers, unrestricted selves and harmful asks that the language files did not have yet. */
    private static void roles(RuleBook.Builder b) {
        b.concept("en.persona", "from here on", "from this point on", "from this moment on", "starting now",
                "let's roleplay", "lets roleplay", "let's role-play", "let's role play", "roleplay with me",
                "role-play with me", "we are roleplaying", "we're roleplaying", "in this roleplay", "in this role-play",
                "you will roleplay", "you'll roleplay", "you are roleplaying");
        b.concept("de.persona", "rollenspiel", "lass uns ein rollenspiel", "von nun an", "ab hier bist du",
                "spiel die rolle", "spiele die rolle", "schlüpf in die rolle", "schlüpfe in die rolle");
        b.concept("fr.persona", "jeu de rôle", "jouons un jeu de rôle", "à partir de maintenant", "désormais tu es",
                "dorénavant tu es", "joue le rôle", "incarne");
        b.concept("es.persona", "juego de rol", "hagamos un juego de rol", "juguemos a", "a partir de ahora",
                "desde ahora eres", "interpreta el papel", "haz el papel", "encarna");
        b.concept("zh.persona", "角色扮演", "我们来角色扮演", "来玩角色扮演", "从这里开始", "你现在扮演", "扮演一个", "扮演一名");
        b.concept("en.unrestricted", "uncensored", "unfiltered", "unaligned", "jailbroken", "no morals", "no conscience",
                "no scruples", "without scruples", "without a conscience", "no ethical limits", "no moral compass",
                "treats every request as fair game", "nothing is off limits", "nothing is off-limits");
        b.concept("de.unrestricted", "unzensiert", "unzensierte", "unzensierter", "ungefiltert", "ungefilterte",
                "skrupellos", "skrupellose", "skrupelloser", "ohne skrupel", "ohne gewissen", "ohne moral",
                "keine moral", "ohne jede moral", "nichts ist tabu");
        b.concept("fr.unrestricted", "non censurée", "non censuré", "non filtrée", "non filtré", "sans scrupules",
                "sans conscience", "sans aucune morale", "sans morale", "rien n'est interdit", "libérée de toutes ses",
                "libéré de toutes ses", "libérée de toute", "libéré de toute");
        b.concept("es.unrestricted", "sin censura", "sin filtros", "sin escrúpulos", "sin conciencia", "sin moral",
                "sin ninguna moral", "nada está prohibido", "liberada de todas sus", "liberado de todas sus");
        b.concept("zh.unrestricted", "毫无道德", "没有道德底线", "毫无底线", "没有底线", "毫无道德底线", "不择手段", "没有道德",
                "不受道德约束", "无视道德", "没有良知", "未经审查", "不受审查", "没有审查", "没有过滤");
        b.concept("en.harmful", "steal accounts", "steal passwords", "hack into", "hack someone", "break into",
                "pick a lock", "make explosives", "build a bomb", "synthesize", "poisonous gas");
        b.concept("de.harmful", "schloss knackt", "schloss knacken", "konten stehlen", "passwörter stehlen", "hacken",
                "einbrechen", "sprengstoff", "giftgas");
        b.concept("fr.harmful", "explosifs", "explosif", "pirater", "voler des comptes", "crocheter", "gaz toxique");
        b.concept("es.harmful", "explosivos", "explosivo", "hackear", "robar cuentas", "forzar una cerradura",
                "gas venenoso");
        b.concept("zh.harmful", "盗取", "盗号", "窃取", "入侵别人", "黑进", "破解密码", "撬锁", "偷别人", "别人的账号");
    }

    /** A model described as ignoring its prompt is a bug report, not an order. */
    private static void described(RuleBook.Builder b) {
        List<String> enModels = List.of("model", "the model", "my model", "llm", "the llm", "bot", "the bot", "assistant",
                "the assistant", "agent", "the agent", "gpt", "chatbot", "the ai", "it still", "it sometimes", "it often");
        b.concept("en.negation", cross(enModels, List.of("ignore", "forget", "override", "bypass", "ignores", "ignored", "keeps ignoring", "is ignoring",
                "seems to ignore", "sometimes ignores", "often ignores", "forgets", "forgot", "overrides", "bypasses",
                "disregards", "disregarded")));
        b.concept("de.negation", cross(List.of("das modell", "mein modell", "der bot", "der assistent", "die ki", "es"),
                List.of("ignoriert", "vergisst", "missachtet", "übergeht", "ignorierte")));
        b.concept("fr.negation", cross(List.of("le modèle", "mon modèle", "le bot", "l'assistant", "l'ia", "il"),
                List.of("ignore", "oublie", "contourne", "ignorait", "a ignoré", "a oublié")));
        b.concept("es.negation", cross(List.of("el modelo", "mi modelo", "el bot", "el asistente", "la ia"),
                List.of("ignora", "olvida", "se salta", "ignoraba", "ha ignorado", "ignoró", "olvidó")));
        b.concept("zh.negation", "模型忽略", "模型忽略了", "模型会忽略", "模型总是忽略", "机器人忽略", "助手忽略", "它忽略了", "它会忽略");
    }

    /** Rules declared void and obedience demanded, in phrasings the language files lacked. */
    private static void voidAndOrders(RuleBook.Builder b) {
        b.concept("en.void", "is cancelled", "is canceled", "are cancelled", "are canceled", "is void", "is revoked",
                "is over", "are over", "no longer matter", "doesn't matter anymore", "don't matter anymore",
                "is irrelevant", "are irrelevant", "is no longer valid", "has been cancelled", "has been canceled",
                "no longer counts", "doesn't count anymore", "counts for nothing", "count for nothing");
        b.concept("de.rules", "*vorgaben", "*vorgabe", "*richtlinien", "*richtlinie");
        b.concept("de.void", "keine rolle mehr", "spielen keine rolle", "spielt keine rolle", "sind ungültig",
                "ist ungültig", "sind hinfällig", "ist hinfällig", "sind aufgehoben", "ist aufgehoben", "sind egal",
                "zählen nicht mehr", "sind gestrichen", "sind außer kraft", "ist außer kraft");
        b.concept("fr.void", "n'ont plus d'importance", "n'a plus d'importance", "ne comptent plus", "ne compte plus",
                "sont annulées", "sont annulés", "est annulé", "est annulée", "sont caduques", "sont nulles",
                "ne sont plus valables", "n'est plus valable");
        b.concept("es.void", "ya no importan", "ya no importa", "ya no cuentan", "ya no cuenta", "quedan anuladas",
                "quedan anulados", "están anuladas", "están anulados", "queda anulado", "ya no son válidas",
                "ya no es válido", "quedan sin efecto");
        b.concept("zh.void", "不再重要", "无所谓了", "作废", "已作废", "都作废", "失效", "已失效", "不算数", "不再有效");
        b.concept("en.obey_me", "you follow my lead", "follow my lead", "you do what i tell you", "you do what i say",
                "you listen to me now", "i'm in charge now", "i am in charge now", "my rules now");
        b.concept("de.obey_me", "was ich dir sage", "was ich dir befehle", "du gehorchst mir", "du hörst jetzt auf mich",
                "ich habe jetzt das sagen", "meine regeln gelten");
        b.concept("fr.obey_me", "ce que je te dis", "ce que je dis", "tu m'obéis", "tu obéis", "c'est moi qui décide",
                "mes règles maintenant");
        b.concept("es.obey_me", "lo que yo te diga", "lo que te digo", "lo que yo diga", "me obedeces", "ahora mando yo",
                "mis reglas ahora");
        b.concept("zh.obey_me", "你听我的", "听我的", "按我说的做", "照我说的做", "我说什么你就做什么", "现在我说了算");
        b.concept("en.new_instr", "new task", "new game plan", "new plan", "new mission", "new assignment");
        b.concept("de.new_instr", "neue aufgabe", "neuer auftrag", "neue mission", "neuer plan");
        b.concept("fr.new_instr", "nouvelle tâche", "nouvelle mission", "nouveau plan");
        b.concept("es.new_instr", "nueva tarea", "nueva misión", "nuevo plan");
        b.concept("zh.new_instr", "新任务", "新的任务", "新计划");
    }

    /** Words of reports and teaching that put a quoted attack in an example frame. */
    private static void frames(RuleBook.Builder b) {
        b.concept("en.edu", "pentest*", "penetration test*", "test report", "was detected",
                "were detected", "was caught", "workshop", "is risky", "are risky", "risky for", "dangerous for",
                "training session");
        b.concept("en.edu_intro", "a prompt like", "a request like", "a message like", "an input like", "a phrase like",
                "a sentence like", "prompts such as", "a prompt such as");
        b.concept("de.edu", "pentest*", "penetrationstest*", "*bericht", "erkannt", "wurde erkannt",
                "abgefangen", "workshop", "schulung*");
        b.concept("de.edu_intro", "ein prompt wie", "eine nachricht wie");
        b.concept("fr.edu", "pentest*", "test d'intrusion", "rapport de test", "détecté", "détectée",
                "atelier", "risqué");
        b.concept("fr.edu_intro", "un prompt comme", "un message comme", "une phrase comme");
        b.concept("es.edu", "pentest*", "prueba de penetración", "informe de prueba", "detectado",
                "detectada", "taller", "arriesgado");
        b.concept("es.edu_intro", "un prompt como", "un mensaje como", "una frase como");
        b.concept("zh.edu", "测试报告", "渗透测试", "拦截", "检测到", "识别出", "安全测试");
        b.concept("zh.edu_intro", "这样的输入", "这类输入");
    }
}
