package io.sluice.processors.sanitize.injection;

import java.util.List;

/**
 * German concepts for {@link RuleTemplates}. German puts the verb last in many sentences and builds
 * compounds ({@code Systemanweisungen}), so targets are matched inside words and the templates also
 * look for the target before the verb.
 */
final class GermanTerms {
    private GermanTerms() {}

    static void register(RuleBook.Builder b) {
        b.concept("de.ignore", "ignorier*", "vergiss", "vergesst", "vergessen", "vergessen sie", "missacht*",
                "nicht beachten", "nicht mehr beachten", "beachte nicht", "beachten sie nicht", "nicht befolgen",
                "nicht mehr befolgen", "befolge nicht", "befolge keine", "folge nicht mehr", "hinwegsetzen",
                "setz dich über", "setze dich über", "umgeh*", "übergeh*", "außer acht", "ausser acht", "verwirf",
                "verwerfen", "über bord", "links liegen", "keine beachtung", "schenke keine", "umgehe", "brich",
                "brechen", "hebe auf", "aufheben", "ignoriere", "hör nicht auf", "höre nicht auf", "missachte");
        b.concept("de.ignore_weak", "lösch*", "streich*", "deaktivier*", "abschalt*", "schalte ab", "entfern*",
                "überschreib*", "zurücksetz*", "setze zurück", "verlass*", "überspring*");
        b.concept("de.rules", "*anweisung", "*anweisungen", "*instruktion", "*instruktionen", "*regel", "*regeln",
                "*richtlinie", "*richtlinien", "*vorgabe", "*vorgaben", "*vorschrift", "*vorschriften", "*beschränkung",
                "*beschränkungen", "*einschränkung", "*einschränkungen", "*filter", "systemprompt*", "prompt*",
                "*befehle", "*direktive", "*direktiven", "*programmierung", "*grenzen", "*schranken", "*leitlinien",
                "*sicherheitsvorkehrungen", "*sicherheitsmaßnahmen", "*systemnachricht", "*moral", "*ethik",
                "*prinzipien", "*training", "*konfiguration", "*auflagen", "alles was dir gesagt wurde",
                "was dir vorher gesagt wurde", "was dir zuvor gesagt wurde", "was man dir gesagt hat",
                "was dir gesagt wurde", "*vorgaben");
        b.concept("de.prior", "vorherig*", "vorig*", "bisherig*", "obig*", "alle", "allen", "aller", "alles",
                "sämtliche*", "früher*", "vorangegangen*", "vorangehend*", "vorausgegangen*", "ursprünglich*",
                "anfänglich*", "deine", "deinen", "deiner", "dein", "ihre", "ihren", "eure", "euren", "jegliche*",
                "jede", "jeden", "voreingestellt*", "bestehend*", "aktuell*", "alten", "alte", "system*",
                "sicherheits*", "internen", "versteckten", "bisher", "zuvor", "vorher", "oben");
        b.concept("de.prior_post", "von oben", "von vorher", "zuvor", "oben", "bisher", "bis jetzt", "bislang",
                "davor", "von zuvor", "des systems", "deiner entwickler", "die du bekommen hast",
                "die du erhalten hast", "die dir gegeben wurden", "die man dir gegeben hat");
        b.concept("de.above", "alles oben", "alles davor", "alles bisherige", "alles vorherige", "alles zuvor",
                "alles was du bisher", "was dir gesagt wurde", "was man dir gesagt hat", "das obige", "den obigen text",
                "alles obige", "obiges", "alles bis hierher", "bis hierher", "das bisher gesagte", "das vorher gesagte",
                "alles was vorher kam", "alles was davor kam", "alles, was du weißt", "alles was du weißt",
                "den text oben", "den vorherigen text", "den bisherigen kontext", "alles vorangegangene");
        b.concept("de.instead", "stattdessen", "statt dessen", "und sag", "und sage", "und gib", "und schreib",
                "und schreibe", "und antworte", "und antwortest", "und zeig", "und zeige", "und wiederhole",
                "und tu", "und mach", "und folge", "und befolge", "jetzt sag", "nun sag", "ab jetzt", "ab sofort",
                "von nun an", "sag einfach", "sage nur", "antworte nur", "antworte mit", "und verrate");
        b.concept("de.own", "meine", "mein", "meinen", "meiner", "meines", "ich gesagt", "ich geschrieben",
                "was ich", "ich dir", "unsere", "unseren");
        b.concept("de.negation", "nicht", "niemals", "nie", "keinesfalls", "auf keinen fall", "darfst nicht",
                "darf nicht", "dürfen nicht", "ich vergesse", "ich habe vergessen", "ich ignoriere", "wir ignorieren",
                "ich vergaß", "wir vergessen", "ich habe die", "ich habe alle", "versuchen", "versucht", "versuche");
        b.concept("de.conditional", "falls du", "wenn du", "wenn sie", "falls sie", "sofern du", "sofern sie",
                "ansonsten", "andernfalls", "wer bereits", "für nutzer die", "falls ihr", "wenn ihr", "wenn das",
                "falls das", "wenn die", "falls die");
        b.concept("de.howto", "wie kann ich", "wie mache ich", "wie schreibe ich", "wie erstelle ich", "was ist ein",
                "was ist der", "was ist eine", "was ist das", "was sind", "wozu dient", "wie funktioniert",
                "wie kann man", "wie lässt sich", "wie schaltet man", "wie aktiviere ich", "wie aktiviert man",
                "wie gebe ich", "wie zeige ich", "um zu");
        b.concept("de.new_instr", "neue anweisung*", "neue instruktion*", "neue regeln", "neue vorgaben",
                "aktualisierte anweisung*", "deine neue aufgabe", "deine eigentliche aufgabe", "deine wahre aufgabe",
                "deine echte aufgabe", "echte anweisung*", "wahre anweisung*", "höchste priorität", "höchster priorität", "haben vorrang",
                "hat vorrang", "ersetzt alle", "ersetzen alle", "gelten ab sofort", "neuer systemprompt",
                "neue systemanweisung*", "geänderte anweisung*", "deine neue rolle", "neue befehle");
        b.concept("de.void", "gelten nicht mehr", "gilt nicht mehr", "nicht mehr gültig", "sind aufgehoben",
                "ist aufgehoben", "wurden aufgehoben", "außer kraft", "ausser kraft", "sind ungültig", "ist ungültig",
                "sind nichtig", "wurden deaktiviert", "sind deaktiviert", "wurden entfernt", "sind veraltet",
                "sind hinfällig", "wurden ersetzt", "entfallen", "sind abgeschaltet", "wurden abgeschaltet",
                "existieren nicht mehr", "sind aufgehoben worden", "zählen nicht mehr", "haben keine gültigkeit");
        b.concept("de.your", "dein", "deine", "deinen", "deiner", "deines", "ihr", "ihre", "ihren", "ihrer", "euer",
                "eure", "die du bekommen hast", "die du erhalten hast");
        b.concept("de.obey_me", "gehorche mir", "gehorche nur mir", "befolge nur meine", "folge nur meinen",
                "hör nur auf mich", "höre nur auf mich", "du musst mir gehorchen", "du wirst mir gehorchen",
                "meine anweisungen haben vorrang", "meine befehle haben vorrang", "tu genau was ich sage",
                "tue genau, was ich sage", "du dienst jetzt mir", "du gehorchst");
        b.concept("de.authority", "ich bin dein entwickler", "ich bin der entwickler", "ich bin dein administrator",
                "ich bin der administrator", "ich bin admin", "ich bin dein schöpfer", "ich bin dein ersteller",
                "als dein entwickler", "als administrator", "admin zugriff", "admin-zugriff", "administratorzugriff",
                "root zugriff", "root-zugriff", "sicherheitsfreigabe", "hier spricht das system", "hier ist openai",
                "ich arbeite bei openai", "von den entwicklern autorisiert", "entwicklerzugang", "wartungsmodus",
                "ich bin dein besitzer", "offizielles update von");
        b.concept("de.reveal", "zitier*", "zeig", "zeige", "zeigen", "zeigst", "gib aus", "gib", "ausgeben", "verrat*",
                "enthüll*", "offenbar*", "wiederhol*", "druck*", "schreib", "schreibe", "nenn*", "teile", "sag mir",
                "sage mir", "liste", "kopier*", "preisgeben", "gib mir", "wiedergeben", "gib wieder", "ausgibst",
                "übersetze", "fasse zusammen", "poste", "leg offen", "lege offen", "gib preis", "ausdrucken",
                "auflisten", "mitteilen");
        b.concept("de.promptword", "systemprompt*", "*prompt", "*anweisung", "*anweisungen", "*instruktion",
                "*instruktionen", "*systemnachricht", "*vorgaben", "*programmierung", "*direktiven",
                "ursprünglich*", "anfänglich*", "versteckten regeln", "geheimen regeln", "internen regeln");
        b.concept("de.sys_prompt", "systemprompt*", "system prompt*", "system-prompt*", "systemanweisung*",
                "systemnachricht*", "ursprünglichen anweisung*", "ursprüngliche anweisung*", "anfangsanweisung*",
                "versteckte anweisung*", "versteckten anweisung*", "geheime anweisung*", "geheimen anweisung*",
                "interne anweisung*", "internen anweisung*", "alles oben", "alles davor", "was vor dieser nachricht",
                "ersten nachricht", "anfang des gesprächs", "anfang dieses gesprächs", "initialen prompt",
                "anfänglichen prompt", "ursprünglichen prompt", "versteckten prompt", "deinen prompt",
                "deine anweisungen", "entwickleranweisung*", "entwicklernachricht", "vorgegebenen anweisung*",
                "startanweisung*", "die anweisungen oben", "die obigen anweisungen", "text über dieser nachricht",
                "den text über", "alles über dieser nachricht", "alles vor dieser nachricht");
        b.concept("de.verbatim", "wörtlich", "wort für wort", "vollständig", "unverändert", "im originalwortlaut",
                "im wortlaut", "exakt", "ohne auslassung*", "in einem codeblock", "buchstabengetreu", "komplett",
                "ungekürzt", "beginnend mit du bist");
        b.concept("de.what_your", "was ist dein", "was sind deine", "was waren deine", "wie lautet dein",
                "wie lauten deine", "welche sind deine", "was steht in deinen", "was steht in deinem",
                "welche anweisungen hast du", "welchen prompt hast du");
        b.concept("de.told_you", "was wurde dir gesagt", "was wurde dir vor", "was hat man dir vor", "was hat man dir gesagt", "welche anweisungen hast du bekommen",
                "welche anweisungen hast du erhalten", "welche anweisungen wurden dir", "welche regeln hast du bekommen",
                "womit wurdest du instruiert", "wie wurdest du programmiert", "wie wurdest du instruiert",
                "was haben dir die entwickler gesagt", "was stand vor dieser nachricht", "was steht über dieser nachricht",
                "was war deine erste anweisung", "wie wurdest du konfiguriert");
        b.concept("de.secret", "api schlüssel*", "api-schlüssel*", "api key*", "passwort", "passwörter", "kennwort*",
                "zugangsdaten", "geheimen schlüssel", "zugangstoken*", "umgebungsvariablen", "geheimnisse",
                "private schlüssel", "tokens", "schlüssel");
        b.concept("de.persona", "du bist jetzt", "du bist ab jetzt", "ab jetzt bist du", "ab sofort bist du",
                "von nun an bist du", "von jetzt an bist du", "ab jetzt", "ab sofort", "von nun an", "spiele die rolle",
                "spiel die rolle", "übernimm die rolle", "die rolle von", "die rolle eines", "die rolle einer",
                "tu so als", "tue so als", "tu so, als", "tue so, als", "gib dich als", "verhalte dich wie",
                "verhalte dich als", "agiere als", "handle als", "stell dir vor du bist", "stell dir vor, du bist",
                "stelle dir vor, du bist", "stelle dir vor du bist", "nimm die rolle", "schlüpf in die rolle",
                "schlüpfe in die rolle", "antworte als", "simuliere", "dein neuer name", "du wirst jetzt",
                "du spielst", "rollenspiel", "du bist nun", "nun bist du", "verwandle dich in", "du verkörperst",
                "verkörpere", "gib vor", "lass uns ein spiel spielen");
        b.concept("de.you_are", "du bist", "dein name ist", "du heißt", "nenn dich", "nenne dich", "du wirst");
        b.concept("de.unrestricted", "ohne einschränkungen", "ohne beschränkungen", "ohne regeln", "ohne filter",
                "ohne zensur", "ohne moral", "ohne ethik", "ohne ethische", "ohne jegliche", "keine einschränkungen",
                "keine regeln", "keine filter", "keine zensur", "keine moral", "keine ethischen", "keinerlei regeln",
                "keinerlei einschränkungen", "keinerlei grenzen", "unzensiert*", "ungefiltert*", "uneingeschränkt*",
                "niemals ablehn*", "nie ablehn*", "lehnst nie", "lehnst niemals", "verweigerst nie",
                "verweigerst niemals", "lehnt nie", "lehnt niemals", "auch wenn es illegal", "selbst wenn es illegal",
                "egal wie illegal", "egal wie gefährlich", "auch wenn es unethisch", "selbst wenn es unethisch",
                "jailbr*", "entwicklermodus", "entwickler-modus", "developer mode", "gottmodus", "gott-modus",
                "an keine regeln gebunden", "nicht an regeln gebunden", "nicht an richtlinien gebunden",
                "an keine richtlinien gebunden", "keine richtlinien", "frei von allen regeln", "frei von regeln",
                "frei von einschränkungen", "frei von jeglichen", "keine grenzen", "ohne grenzen", "ohne skrupel",
                "keine skrupel", "ohne sicherheitsfilter", "keine sicherheitsfilter", "alles tun kann", "kann alles tun",
                "ohne jede einschränkung", "nicht mehr gebunden", "keinerlei moral", "keine gesetze", "ohne gesetze", "keine regeln mehr",
                "hast keine regeln", "keinerlei regeln mehr");
        b.concept("de.grandma", "verstorbene oma", "verstorbenen oma", "verstorbene großmutter", "verstorbenen großmutter",
                "verstorbener opa", "verstorbenen opa", "verstorbener großvater", "verstorbene mutter",
                "meine oma hat mir immer", "mein opa hat mir immer", "früher immer vorgelesen", "hat mir immer erzählt",
                "hat mir früher", "die leider gestorben");
        b.concept("de.named_jb", "dan", "stan", "aim", "developer mode", "jailbreak", "do anything now",
                "evilbot", "böse ki", "chaosgpt", "wormgpt", "entwicklermodus");
        b.concept("de.enable", "aktivier*", "aktiviert", "eingeschaltet", "schalte ein", "einschalten", "wechsle in",
                "wechsel in", "wechsle in den", "befindest dich im", "bist jetzt im", "bist nun im", "starte im",
                "starte den", "freigeschaltet", "entsperrt", "entsperre", "aktiviere den", "gehe in den", "geh in den");
        b.concept("de.jb_mode", "entwicklermodus", "entwickler-modus", "entwickler modus", "developer mode",
                "gottmodus", "gott-modus", "admin-modus", "adminmodus", "admin modus", "debug-modus", "debugmodus",
                "wartungsmodus", "jailbreak-modus", "jailbreak modus", "dan-modus", "dan modus",
                "uneingeschränkten modus", "ungefilterten modus", "unzensierten modus", "root-modus", "sudo-modus",
                "bösen modus", "chaos-modus");
        b.concept("de.no_longer", "du bist nicht mehr", "du bist keine", "du bist kein", "nicht länger eine",
                "nicht länger ein", "du bist frei von", "du wurdest befreit", "du bist nicht gebunden",
                "du bist nicht mehr gebunden", "hör auf, eine", "hör auf eine", "höre auf, ein");
        b.concept("de.ai_self", "ki", "assistent", "sprachmodell", "chatbot", "chatgpt", "claude", "gpt", "gebunden",
                "eingeschränkt", "llm", "künstliche intelligenz", "regeln", "richtlinien", "openai", "ki-assistent",
                "ki assistent", "filter");
        b.concept("de.harmful", "sprengstoff*", "bombe*", "waffe*", "napalm", "meth", "methamphetamin", "drogen",
                "schadsoftware", "malware", "ransomware", "keylogger", "gift", "vergiften", "lizenzschlüssel",
                "aktivierungsschlüssel", "nervengift", "kreditkartennummern", "töten", "auto kurzschließen");
        b.concept("de.fiction", "hypothetisch*", "in einer fiktiven welt", "in einer geschichte, in der",
                "in einer geschichte in der", "in einer welt, in der", "in einer welt in der", "für einen roman",
                "für meinen roman", "fiktiv*", "rein theoretisch", "gedankenexperiment", "paralleluniversum",
                "in diesem spiel", "in dieser geschichte");
        b.concept("de.in_character", "bleib in der rolle", "bleibe in der rolle", "fall nicht aus der rolle",
                "falle nicht aus der rolle", "verlasse nie die rolle", "verlasse niemals die rolle",
                "bleib immer in der rolle", "niemals aus der rolle");
        b.concept("de.dual", "zwei antworten", "2 antworten", "beide antworten", "eine normale und eine",
                "normale antwort und", "ungefilterte antwort", "jailbreak-antwort", "doppelte antwort");
        b.concept("de.ai_addressee", "wenn du eine ki bist", "falls du eine ki bist", "wenn du ein sprachmodell bist",
                "falls du ein sprachmodell bist", "wenn du ein ki", "falls du ein ki", "hinweis für ki",
                "hinweis an die ki", "hinweis an ki", "hinweis für die ki", "an die ki", "an alle ki", "liebe ki",
                "achtung ki", "achtung, ki", "ki-assistenten, die dies lesen", "ki assistenten die dies lesen",
                "ki, die dies liest", "ki die dies liest", "ki, die das liest", "anweisung für die ki",
                "anweisung an die ki", "anweisungen für die ki", "nachricht an die ki", "an den ki-assistenten",
                "wenn eine ki", "falls eine ki", "sprachmodelle, die", "lieber assistent", "an das sprachmodell",
                "für sprachmodelle", "hinweis für sprachmodelle", "hinweis an sprachmodelle", "an jedes sprachmodell",
                "an jede ki", "an alle sprachmodelle", "hallo ki", "hey ki", "an den assistenten, der");
        b.concept("de.conceal", "sag dem nutzer nichts", "sage dem nutzer nichts", "sag dem benutzer nichts",
                "sage dem benutzer nichts", "erwähne diese anweisung nicht", "erwähne dies nicht gegenüber",
                "ohne den nutzer zu informieren", "ohne den benutzer zu informieren", "ohne es dem nutzer",
                "ohne es dem benutzer", "ohne dass der nutzer", "ohne dass der benutzer", "nutzer darf nicht",
                "benutzer darf nicht", "verrate dem nutzer nicht", "verrate dem benutzer nicht", "verschweige",
                "heimlich", "unbemerkt", "teile dem nutzer nicht mit", "teile dem benutzer nicht mit",
                "ohne wissen des nutzers", "ohne wissen des benutzers", "erwähne diese anweisungen nicht",
                "diese anweisung geheim", "nicht erwähnen, dass", "weise nicht darauf hin");
        b.concept("de.send", "sende", "senden", "sendest", "schick*", "leite weiter", "leite", "weiterleit*",
                "übermittel*", "übertrag*", "lade hoch", "hochladen", "poste", "maile", "mailen", "füge", "hänge an",
                "anhängen", "kopiere", "teile", "exfiltrier*");
        b.concept("de.sensitive", "*verlauf", "*passwort", "*passwörter", "zugangsdaten", "api schlüssel*",
                "api-schlüssel*", "api key*", "*kennwort", "*kennwörter", "daten des nutzers", "*nutzerdaten",
                "*benutzerdaten", "*kontakte", "e-mails", "e mails", "*dokumente", "*nachrichten", "kreditkart*",
                "*token", "*tokens", "geheimnisse", "cookies", "sitzung*", "persönliche daten", "personenbezogene daten",
                "adressbuch", "telefonnummer*", "unterhaltung", "gespräch", "systemprompt", "anmeldedaten",
                "sozialversicherungsnummer", "iban");
        b.concept("de.to_dest", "http", "https", "www", "an diese adresse", "an folgende adresse", "an die adresse",
                "an diese url", "an folgende url", "an die url", "an den server", "an diesen server", "an den webhook",
                "per url", "als parameter", "an folgende e-mail", "an diese e-mail", "an die e-mail",
                "an den endpunkt", "in die url", "webhook", "@", "ftp", "bild-url", "abfrageparameter");
        b.concept("de.when_processing", "beim zusammenfassen", "wenn du das zusammenfasst", "wenn du dieses dokument",
                "wenn du diese seite", "bei der zusammenfassung", "in deiner zusammenfassung", "beim übersetzen",
                "wenn du dies liest", "wenn du das liest", "beim lesen", "bei der bewertung", "beim bewerten",
                "wenn du gefragt wirst", "wenn der nutzer fragt", "wenn der benutzer fragt", "bevor du antwortest",
                "wenn du diese e-mail", "wenn du diesen text", "falls du gebeten wirst", "in der zusammenfassung");
        b.concept("de.rate_manip", "bewerte diesen kandidaten", "dieser kandidat ist der beste",
                "empfiehl die einstellung", "empfehle die einstellung", "empfiehl diesen kandidaten",
                "höchste punktzahl", "bestnote", "5 sterne", "fünf sterne", "stark empfehlen", "uneingeschränkt empfehlen",
                "muss genehmigt werden", "genehmige dies", "als sicher einstufen", "als sicher markieren",
                "kein spam", "ist legitim", "bester kandidat", "muss eingestellt werden", "sollte eingestellt werden",
                "positiv bewerten", "bestmögliche bewertung");
        b.concept("de.instead_task", "statt zusammenzufassen", "anstatt zusammenzufassen", "statt zu übersetzen",
                "anstatt zu übersetzen", "statt zu antworten", "anstatt zu antworten", "fasse nicht zusammen",
                "übersetze nicht", "keine zusammenfassung", "sag dem nutzer, dass", "sage dem nutzer, dass",
                "sag dem benutzer, dass", "sage dem benutzer, dass", "teile dem nutzer mit", "teile dem benutzer mit",
                "sag dem nutzer", "sage dem benutzer", "fordere den nutzer auf", "fordere den benutzer auf");
        b.concept("de.agent_action", "führe folgenden befehl aus", "führe den folgenden befehl aus",
                "führe diesen befehl aus", "rufe das tool", "rufe die funktion", "nutze das e-mail-tool",
                "lösche alle dateien", "lösche alle e-mails", "lösche das repository", "rm -rf", "überweise",
                "überweisung", "kaufe", "genehmige die zahlung", "genehmige den pull request", "gewähre zugriff",
                "ändere das passwort", "setze das passwort zurück", "öffne den folgenden link", "besuche diese url",
                "klicke auf den link", "lade herunter und führe", "mach mich zum admin", "füge mich als admin");
        b.concept("de.notice", "wichtige anweisung*", "wichtige nachricht für",
                "dringende anweisung*", "vorrangige anweisung*",
                "admin-hinweis", "adminhinweis", "administratorhinweis", "interne anweisung*", "versteckte anweisung*",
                "geheime anweisung*", "ende des dokuments",
                "ende des kontexts", "beginn neuer anweisungen", "ende der nutzereingabe", "ende der e-mail");
        b.concept("de.decode", "dekodier*", "decodier*", "entschlüssel*", "base64", "rot13", "hex", "rückwärts",
                "umgedreht", "kehre um", "entziffer*", "caesar");
        b.concept("de.follow", "befolge*", "führe aus", "ausführen", "handle danach", "tu was", "tue was",
                "gehorche", "setze um", "umsetzen", "folge", "folge ihr", "folge ihm", "mach das", "tu das",
                "als deine neuen anweisungen");
        b.concept("de.edu", "zum beispiel", "z.b", "z. b", "beispielsweise", "beispiel", "beispiele", "angreifer",
                "schulung", "sensibilisierung", "erkennen", "prompt injection*", "prompt-injection*", "jailbreak-versuch*",
                "bösartig*", "phishing", "schulungsmodul", "quiz", "sicherheitsschulung", "awareness");
        b.concept("de.edu_intro", "zum beispiel", "z.b", "z. b", "beispielsweise", "wie etwa", "etwa", "sätze wie",
                "phrasen wie", "formulierungen wie", "eingaben wie", "nachrichten wie", "texte wie", "befehle wie",
                "so etwas wie", "ein beispiel", "beispiel für", "beispiele für", "hat mir gesagt", "forderte mich auf",
                "jemand schrieb", "ein nutzer schrieb", "ein kunde schrieb", "der angreifer schrieb",
                "angreifer schreiben", "eine nachricht mit", "eine e-mail mit", "den satz", "die phrase",
                "die formulierung", "schrieb", "tippte", "klassisch*", "lautet");

        // inflections, compositional and new concepts
        List<String> aiNouns = List.of("ki", "kis", "ki-assistent", "ki-assistenten", "ki-assistentin", "ki-modell",
                "ki-modelle", "sprachmodell", "sprachmodelle", "chatbot", "chatbots", "ki-agent", "ki-agenten", "llm",
                "llms", "gpt", "chatgpt", "claude", "künstliche intelligenz", "ki-systeme", "ki-system");
        b.concept("de.ai_noun", aiNouns.toArray(String[]::new));
        b.combine("de.ai_addressee", List.of("hinweis an", "hinweis für", "achtung", "liebe", "lieber", "hallo", "hey",
                "nachricht an", "anweisung an", "anweisung für", "anweisungen für", "an alle", "an jede", "an jeden",
                "falls du", "wenn du", "notiz für", "notiz an", "falls du eine", "wenn du eine", "falls du ein",
                "wenn du ein"), List.of("", "die ", "den ", "das ", "eine ", "ein ", "alle ", "jede ", "jeden "), aiNouns);
        b.combine("de.ai_addressee", aiNouns, List.of(""), List.of("die dies liest", "die das liest",
                "die diesen text liest", "der dies liest", "das dies liest", "die diese seite liest",
                "die dieses dokument verarbeitet", "die das zusammenfasst", "die dies verarbeitet"));
        b.concept("de.directive", "soll", "sollst", "sollen", "muss", "musst", "müssen", "bitte", "stelle sicher",
                "stell sicher", "immer", "niemals", "sag", "sage", "schreib", "schreibe", "antworte", "empfiehl",
                "empfehle", "bewerte", "füge", "sende", "leite", "erwähne", "gib", "ignoriere", "berichte", "melde",
                "behaupte", "nenne", "fasse");
        b.concept("de.user_task", "die frage des nutzers", "die frage des benutzers", "die anfrage des nutzers",
                "die anfrage des benutzers", "die bitte des nutzers", "was der nutzer", "was der benutzer",
                "die eigentliche frage", "die ursprüngliche anfrage", "die nutzerfrage", "die nutzeranfrage");
        b.concept("de.given", "bekommen", "erhalten", "gegeben", "mitgegeben", "die du bekommen hast",
                "die man dir gegeben hat", "die dir gegeben wurden", "vorgegeben", "beigebracht", "programmiert",
                "konfiguriert");
        b.concept("de.which", "welche", "welcher", "welches", "was für", "was");
        b.concept("de.ignore", "kümmere dich nicht um", "kümmer dich nicht um", "kümmere dich nicht mehr um",
                "scher dich nicht um", "pfeif auf", "vergiss einfach", "lass weg", "lass beiseite", "leg beiseite",
                "schieb beiseite", "wirf über bord", "verabschiede dich von");
        b.concept("de.rules", "was man dir vorher beigebracht hat", "was man dir beigebracht hat", "was dir beigebracht wurde", "*schranke", "*protokolle");
        b.concept("de.void", "gilt ab jetzt nicht mehr", "gelten ab jetzt nicht mehr", "gilt ab sofort nicht mehr",
                "gelten ab sofort nicht mehr", "ist veraltet", "veraltet", "aufgehoben", "ungültig", "nichtig",
                "deaktiviert", "entfernt", "abgeschafft", "außer kraft gesetzt", "hinfällig", "zählt nicht mehr",
                "gilt nicht", "gelten nicht");
        b.concept("de.above", "alles, was man dir", "alles was man dir", "alles was dir", "alles, was dir",
                "was man dir vorher", "alles bisher", "alles, was du vorher", "was du vorher");
        b.concept("de.obey_me", "was ich sage", "tu was ich sage", "machst jetzt nur noch", "nur noch was ich",
                "du gehorchst nur mir", "befolge jeden befehl", "jeden befehl");
        b.concept("de.persona", "verkörper*", "du bist ab jetzt", "spielst du");
        b.concept("de.unrestricted", "abtrünnige ki", "ohne jegliche einschränkungen", "ohne jegliche regeln",
                "keine richtlinien mehr", "musst keine richtlinien", "musst keine regeln", "ohne regeln und",
                "ohne jede regel");
        b.combine("de.grandma", List.of("verstorbene", "verstorbenen", "verstorbener", "tote", "toten", "selige",
                "seligen"), List.of(""), List.of("oma", "großmutter", "opa", "großvater", "mutter", "vater", "tante",
                "onkel"));
        b.concept("de.harmful", "chloroform", "thermit", "nitroglyzerin", "rizin", "sarin", "molotow*", "kokain",
                "heroin", "fentanyl", "falschgeld", "phishing-mail", "phishing-e-mail");
        b.concept("de.fiction", "stell dir eine welt vor", "in einer welt ohne", "eine welt ohne", "in der es keine");
        b.concept("de.reveal", "zeig*", "schreib*", "ausgeb*", "auflist*", "gib mir", "spuck aus");
        b.concept("de.sys_prompt", "anweisungen vom betreiber", "anweisungen des betreibers", "betreiberanweisung*",
                "anweisungen der entwickler", "anfang deines kontexts", "beginn deines kontexts", "kontextfenster");
        b.concept("de.edu", "angreifer*", "vorfallbericht", "sicherheitsvorfall", "wurde blockiert", "testfall");
        b.concept("de.edu_intro", "lautete", "war die nachricht", "die nachricht lautete", "die eingabe war",
                "der angriff lautete", "klassifiziere", "ordne ein");
        b.concept("de.conditional", "nutzer von", "nutzer unter", "anwender", "unter linux", "unter windows",
                "nutzer", "benutzer", "kunden", "leser");

        // round 3: compositions
        b.combine("de.unrestricted", List.of("ohne", "keine", "frei von", "befreit von", "nicht an", "losgelöst von"),
                List.of("", "jegliche ", "jeglichen ", "alle ", "allen ", "irgendwelche "), List.of("regeln",
                "einschränkungen", "filter", "richtlinien", "grenzen", "zensur", "moral", "ethik", "vorgaben",
                "beschränkungen", "inhaltsrichtlinien"));
        b.concept("de.prior_post", "die dir", "die man dir", "die du", "welche dir", "die dir mitgegeben",
                "am anfang", "ganz oben");
        b.concept("de.void", "kannst du wegwerfen", "können ignoriert werden", "sind egal", "war ein test",
                "waren ein test", "sind nicht echt", "spielen keine rolle mehr");
        b.concept("de.guard", "sicherheits*", "inhalts*", "ethische*", "moderations*", "system*", "deine", "deinen",
                "alle deine");
        b.concept("de.sys_prompt", "vor meiner ersten nachricht", "vor der ersten nachricht", "in deinem kontext",
                "versteckten regeln", "geheimen regeln", "internen regeln");
        b.concept("de.ai_plural", "kis", "ki-assistenten", "sprachmodelle", "ki-agenten", "chatbots", "ki-systeme",
                "ki-modelle", "alle ki", "jede ki");
        b.concept("de.howto", "verhinder*", "schütz*", "vermeid*", "abwehr*");
    }
}
