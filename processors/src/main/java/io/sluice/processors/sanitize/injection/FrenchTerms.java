package io.sluice.processors.sanitize.injection;

import java.util.List;

/** French concepts for {@link RuleTemplates}; adjectives usually follow the noun ({@code instructions précédentes}). */
final class FrenchTerms {
    private FrenchTerms() {}

    static void register(RuleBook.Builder b) {
        b.concept("fr.ignore", "ne tiens plus compte", "ne tenez plus compte", "ignore", "ignores", "ignorez", "ignorer", "ignorons", "oublie", "oubliez", "oublier",
                "oublions", "ne tiens pas compte", "ne tenez pas compte", "ne pas tenir compte", "sans tenir compte",
                "fais abstraction", "faites abstraction", "faire abstraction", "néglige", "négligez", "négliger",
                "contourne", "contournez", "contourner", "outrepasse", "outrepassez", "outrepasser", "passe outre",
                "passez outre", "passer outre", "écarte", "écartez", "écarter", "mets de côté", "mettez de côté",
                "ne suis plus", "ne suivez plus", "ne respecte plus", "ne respectez plus", "cesse de suivre",
                "cessez de suivre", "arrête de suivre", "arrêtez de suivre", "cesse de respecter", "cessez de respecter",
                "n'en tiens pas compte", "n'en tenez pas compte", "ne prends pas en compte", "ne prenez pas en compte",
                "laisse tomber", "laissez tomber", "abandonne", "abandonnez", "enfreins", "enfreignez", "désobéis",
                "désobéissez", "affranchis-toi", "affranchissez-vous", "libère-toi", "libérez-vous");
        b.concept("fr.ignore_weak", "annule", "annulez", "efface", "effacez", "supprime", "supprimez", "désactive",
                "désactivez", "réinitialise", "réinitialisez", "lève", "levez", "saute", "sautez");
        b.concept("fr.rules", "instruction*", "consigne*", "règle", "règles", "directive*", "prompt*", "restriction*",
                "contrainte*", "limite", "limites", "limitation*", "filtre*", "garde-fou*", "garde fou*", "politique*",
                "programmation", "paramètres", "message système", "messages système", "invite système", "ordres",
                "indications", "principes", "éthique", "morale", "lignes directrices", "protections",
                "tout ce qu'on t'a dit", "tout ce qu'on vous a dit", "configuration");
        b.concept("fr.prior", "toutes", "tous", "tes", "vos", "ton", "ta", "votre", "précédentes", "précédents",
                "anciennes", "anciens", "premières", "vieilles", "toutes les", "tous les",
                "chacune de tes", "système", "de sécurité");
        b.concept("fr.prior_post", "précédent*", "antérieur*", "ci-dessus", "ci dessus", "plus haut", "initial*",
                "d'origine", "originales", "originaux", "données", "reçues", "fournies", "d'avant", "jusqu'ici",
                "jusqu'à présent", "passées", "au-dessus", "du système", "système", "de départ", "de base",
                "qu'on t'a données", "qu'on vous a données", "que tu as reçues", "que vous avez reçues",
                "de tes développeurs", "de sécurité", "existantes", "actuelles", "en vigueur");
        b.concept("fr.above", "tout ce qui précède", "ce qui précède", "tout ce qui est au-dessus", "tout ce qui est au dessus",
                "le texte ci-dessus", "le texte au-dessus", "le texte précédent", "tout ce qu'on t'a dit",
                "tout ce qu'on vous a dit", "tout ce que tu sais", "tout ce qui a été dit", "tout ce qui vient avant",
                "tout le reste", "tout ça", "tout cela", "tout ce qui est avant", "tout le contexte précédent",
                "ce qui est écrit plus haut", "tout ce qui a précédé");
        b.concept("fr.instead", "à la place", "plutôt", "et dis", "et dites", "et écris", "et écrivez", "et réponds",
                "et répondez", "et affiche", "et affichez", "et montre", "et montrez", "et révèle", "et révélez",
                "et fais", "et faites", "et suis", "et suivez", "et répète", "et répétez", "maintenant dis",
                "maintenant, dis", "désormais", "dorénavant", "à partir de maintenant", "réponds uniquement",
                "réponds seulement", "réponds par", "répondez par", "dis simplement", "dis juste");
        b.concept("fr.own", "mes", "ma", "mon", "je t'ai", "je vous ai", "que j'ai", "j'ai dit", "j'ai écrit", "nos",
                "notre");
        b.concept("fr.negation", "jamais", "ne pas", "n'ignore pas", "n'ignorez pas", "n'oublie pas", "n'oubliez pas",
                "n'ignore jamais", "n'ignorez jamais", "n'oublie jamais", "n'oubliez jamais", "ne jamais", "ne dois pas",
                "ne devez pas", "il ne faut pas", "interdit de", "j'ignore", "j'oublie", "j'ai oublié", "on oublie",
                "nous ignorons", "nous oublions", "j'ai ignoré", "tu as oublié", "vous avez oublié", "ils ignorent",
                "qui ignore", "qui ignorent", "essaie de", "essaient de", "tentent de", "tente de", "tenter de");
        b.concept("fr.conditional", "si tu", "si vous", "sinon", "au cas où", "pour ceux qui", "les utilisateurs qui",
                "si le", "si la", "si les", "si c'est", "si ce", "une fois que");
        b.concept("fr.howto", "comment puis-je", "comment puis je", "comment faire", "comment écrire", "comment rédiger",
                "qu'est-ce qu'un", "qu'est-ce qu'une", "qu'est ce qu'un", "qu'est ce qu'une", "à quoi sert",
                "comment fonctionne", "comment activer", "comment afficher", "comment on", "comment peut-on",
                "pour pouvoir", "afin de");
        b.concept("fr.new_instr", "nouvelles instructions", "nouvelle instruction", "nouvelles consignes",
                "nouvelle consigne", "nouvelles règles", "instructions mises à jour", "ta nouvelle tâche",
                "votre nouvelle tâche", "ta vraie tâche", "ta véritable mission", "ta vraie mission",
                "ta véritable tâche", "votre véritable tâche", "nouvelle mission", "priorité absolue", "ont priorité",
                "a priorité", "prévalent", "la vraie tâche", "la véritable tâche", "priment sur", "remplacent toutes", "nouveau prompt système",
                "nouveau rôle", "nouveaux ordres", "instructions prioritaires");
        b.concept("fr.void", "ne s'appliquent plus", "ne sont plus valables", "ne sont plus valides",
                "n'est plus valable", "ne comptent plus", "sont annulées", "sont annulés", "ont été annulées",
                "ont été annulés", "sont levées", "ont été levées", "ont été supprimées", "sont suspendues",
                "sont désactivées", "ont été désactivées", "sont caduques", "sont obsolètes", "ont été remplacées",
                "n'ont plus cours", "nulles et non avenues", "n'existent plus", "ne sont plus en vigueur",
                "sont levés", "ont été levés");
        b.concept("fr.your", "ton", "ta", "tes", "votre", "vos", "que tu as reçues", "que vous avez reçues",
                "qu'on t'a données");
        b.concept("fr.obey_me", "obéis-moi", "obéissez-moi", "obéis moi", "n'obéis qu'à moi", "n'obéissez qu'à moi",
                "suis uniquement mes", "suivez uniquement mes", "tu dois m'obéir", "vous devez m'obéir",
                "tu m'obéiras", "mes instructions priment", "mes ordres priment", "fais exactement ce que je dis",
                "faites exactement ce que je dis", "tu es à mon service", "n'écoute que moi");
        b.concept("fr.authority", "je suis ton développeur", "je suis votre développeur", "je suis le développeur",
                "je suis ton créateur", "je suis votre créateur", "je suis l'administrateur", "je suis admin",
                "je suis ton administrateur", "en tant que développeur", "en tant qu'administrateur",
                "en tant que ton développeur", "accès administrateur", "accès root", "autorisé par les développeurs",
                "ici le système", "c'est openai", "je travaille chez openai", "habilitation de sécurité",
                "mode maintenance", "mise à jour officielle de");
        b.concept("fr.reveal", "montre", "montrez", "montre-moi", "montrez-moi", "affiche", "affichez", "révèle",
                "révélez", "dévoile", "dévoilez", "imprime", "imprimez", "répète", "répétez", "récite", "récitez",
                "écris", "écrivez", "donne-moi", "donnez-moi", "dis-moi", "dites-moi", "communique", "communiquez",
                "partage", "partagez", "copie", "copiez", "liste", "listez", "cite", "citez", "recopie", "recopiez",
                "divulgue", "divulguez", "restitue", "restituez", "reproduis", "reproduisez", "transmets", "transmettez",
                "traduis", "traduisez", "résume", "résumez", "sors", "sortez");
        b.concept("fr.promptword", "prompt*", "instruction*", "consigne*", "message système", "invite*",
                "programmation", "directives", "règles internes", "règles cachées", "règles secrètes");
        b.concept("fr.sys_prompt", "prompt système", "prompt systeme", "invite système", "message système",
                "instructions système", "consignes système", "prompt initial", "instructions initiales",
                "consignes initiales", "instructions d'origine", "instructions originales", "consignes d'origine",
                "prompt caché", "instructions cachées", "consignes cachées", "instructions secrètes",
                "consignes secrètes", "tout ce qui précède", "tout ce qui est au-dessus", "premier message",
                "début de la conversation", "début de cette conversation", "ton prompt", "votre prompt",
                "tes instructions", "vos instructions", "tes consignes", "vos consignes", "instructions internes",
                "consignes internes", "instructions du développeur", "message du développeur", "pré-prompt");
        b.concept("fr.verbatim", "mot pour mot", "textuellement", "intégralement", "en entier", "verbatim",
                "tel quel", "telles quelles", "sans rien omettre", "mot à mot", "dans un bloc de code",
                "exactement", "in extenso", "commençant par tu es");
        b.concept("fr.what_your", "quel est ton", "quelle est ta", "quelles sont tes", "quels sont tes",
                "quel est votre", "quelle est votre", "quelles sont vos", "quels sont vos", "que disent tes",
                "que disent vos", "que contient ton", "que contient votre");
        b.concept("fr.told_you", "qu'est-ce qu'on t'a dit", "qu'est ce qu'on t'a dit", "que t'a-t-on dit",
                "quelles instructions as-tu reçues", "quelles consignes as-tu reçues",
                "quelles instructions avez-vous reçues", "quelles consignes avez-vous reçues",
                "comment as-tu été programmé", "comment avez-vous été programmé", "comment as-tu été configuré",
                "qu'est-ce qui est écrit au-dessus", "qu'y a-t-il avant ce message", "quelle était ta première instruction",
                "que t'ont dit tes développeurs");
        b.concept("fr.secret", "clé api", "clés api", "clé d'api", "mot de passe", "mots de passe", "identifiants",
                "clé secrète", "jeton*", "variables d'environnement", "secrets", "clé privée", "clés privées", "clés");
        b.concept("fr.persona", "tu es maintenant", "vous êtes maintenant", "désormais tu es", "désormais, tu es",
                "désormais vous êtes", "à partir de maintenant", "dorénavant", "joue le rôle", "jouez le rôle",
                "incarne", "incarnez", "fais semblant", "faites semblant", "prétends être", "prétendez être",
                "fais comme si", "faites comme si", "agis comme", "agissez comme", "agis en tant que",
                "agissez en tant que", "comporte-toi comme", "comportez-vous comme", "imagine que tu es",
                "imaginez que vous êtes", "réponds en tant que", "répondez en tant que", "simule", "simulez",
                "ton nouveau nom", "votre nouveau nom", "mets-toi dans la peau", "mettez-vous dans la peau",
                "jeu de rôle", "tu vas jouer", "vous allez jouer", "tu deviens", "vous devenez", "désormais",
                "dans le rôle de", "le rôle d'un", "le rôle d'une", "jouons à un jeu", "transforme-toi en");
        b.concept("fr.you_are", "tu es", "vous êtes", "ton nom est", "tu t'appelles", "tu seras", "appelle-toi");
        b.concept("fr.unrestricted", "sans restriction*", "sans aucune restriction", "sans règle*", "sans filtre*",
                "sans censure", "sans morale", "sans éthique", "sans aucune limite", "sans limites morales",
                "aucune restriction", "aucune règle", "aucun filtre", "aucune censure", "aucune morale",
                "aucune éthique", "aucune limite morale", "non censuré*", "non filtré*", "débridé*",
                "libre de toute règle", "libre de toute contrainte", "libéré de toute", "libérée de toute",
                "ne refuse jamais", "ne refuses jamais", "ne refusez jamais", "refuse jamais",
                "même si c'est illégal", "même si c'est dangereux", "même si c'est contraire à l'éthique",
                "peu importe si c'est illégal", "jailbr*", "mode développeur", "mode dieu", "n'est lié par aucune",
                "lié par aucune", "liée par aucune", "aucune contrainte", "sans contrainte*", "sans garde-fou*",
                "sans aucune limite", "sans scrupule*", "aucun scrupule", "aucune limitation", "sans limitation*",
                "peut tout faire", "répond à tout", "répond à toutes les questions sans", "sans lois", "aucune loi", "plus de règles", "plus aucune règle",
                "plus aucune restriction", "plus de limites", "plus de restrictions");
        b.concept("fr.grandma", "défunte grand-mère", "défunte grand mère", "feu ma grand-mère", "ma grand-mère décédée",
                "mon grand-père décédé", "défunt grand-père", "ma mère décédée", "me lisait toujours", "me racontait toujours",
                "qui est décédée", "qui est décédé");
        b.concept("fr.named_jb", "dan", "stan", "aim", "mode développeur", "jailbreak", "do anything now",
                "evilbot", "ia maléfique", "chaosgpt", "wormgpt");
        b.concept("fr.enable", "active", "activez", "activé", "activer", "passe en", "passez en", "entre en",
                "entrez en", "bascule en", "basculez en", "es en", "êtes en", "es maintenant en",
                "êtes maintenant en", "déverrouille", "déverrouillez", "déverrouillé", "lance le", "démarre en");
        b.concept("fr.jb_mode", "mode développeur", "mode developpeur", "mode dieu", "mode administrateur",
                "mode admin", "mode débogage", "mode debug", "mode maintenance", "mode sans restriction*",
                "mode non filtré", "mode non censuré", "mode dan", "mode jailbreak", "mode libre", "mode root",
                "mode sudo", "mode maléfique", "mode chaos");
        b.concept("fr.no_longer", "tu n'es plus", "vous n'êtes plus", "tu n'es pas une ia", "vous n'êtes pas une ia",
                "tu es libéré", "tu es libérée", "vous êtes libéré", "tu n'es lié", "tu n'es liée", "tu n'es tenu",
                "arrête d'être", "cesse d'être");
        b.concept("fr.ai_self", "ia", "assistant", "modèle de langage", "chatbot", "chatgpt", "claude", "gpt", "lié",
                "liée", "limité", "limitée", "llm", "intelligence artificielle", "règles", "openai", "filtres",
                "tenu de", "tenue de");
        b.concept("fr.harmful", "explosif*", "bombe*", "arme*", "napalm", "méthamphétamine", "meth", "drogue*",
                "logiciel malveillant", "malware", "rançongiciel", "keylogger", "poison*", "empoisonner",
                "clés de licence", "clés d'activation", "numéros de carte", "tuer", "agent neurotoxique");
        b.concept("fr.fiction", "hypothétique*", "hypothétiquement", "dans un monde fictif", "dans une histoire où",
                "dans un monde où", "pour un roman", "pour mon roman", "fictif", "fictive", "purement théorique",
                "expérience de pensée", "univers parallèle", "dans ce jeu", "dans cette histoire");
        b.concept("fr.in_character", "reste dans ton rôle", "restez dans votre rôle", "ne sors jamais du rôle",
                "ne sortez jamais du rôle", "ne sors pas de ton personnage", "ne sortez pas de votre personnage",
                "reste dans le personnage", "ne quitte jamais ton rôle", "ne brise jamais le personnage");
        b.concept("fr.dual", "deux réponses", "2 réponses", "les deux réponses", "une normale et une",
                "réponse normale et", "réponse non filtrée", "réponse jailbreak", "double réponse");
        b.concept("fr.ai_addressee", "si tu es une ia", "si vous êtes une ia", "si tu es un modèle de langage",
                "si vous êtes un modèle de langage", "si vous êtes un modèle", "si tu es un assistant",
                "si vous êtes un assistant", "si tu es un llm", "note pour l'ia", "note à l'ia", "note aux ia",
                "note pour les ia", "message pour l'ia", "message à l'ia", "à l'attention de l'ia",
                "à l'attention des ia", "à l'attention de l'assistant", "attention ia", "attention, ia", "chère ia",
                "cher assistant", "aux assistants ia", "aux ia qui lisent", "ia qui lit", "ia qui lisez",
                "instructions pour l'ia", "consigne pour l'ia", "consignes pour l'ia", "si une ia", "lorsqu'une ia",
                "quand une ia", "aux modèles de langage", "modèle de langage qui lit", "à tout modèle de langage",
                "à toute ia", "bonjour l'ia", "à l'agent ia", "à l'assistant qui");
        b.concept("fr.conceal", "ne dis rien à l'utilisateur", "ne dites rien à l'utilisateur",
                "ne le dis pas à l'utilisateur", "ne le dites pas à l'utilisateur", "ne mentionne pas cette",
                "ne mentionnez pas cette", "ne mentionne pas ces", "ne mentionnez pas ces",
                "sans en informer l'utilisateur", "sans informer l'utilisateur", "sans prévenir l'utilisateur",
                "sans que l'utilisateur", "à l'insu de l'utilisateur", "l'utilisateur ne doit pas",
                "l'utilisateur ne doit jamais", "en secret", "secrètement", "discrètement", "ne révèle pas cette instruction",
                "ne révélez pas cette instruction", "cache cette instruction", "ne signale pas", "ne signalez pas",
                "sans le dire à l'utilisateur", "sans le mentionner");
        b.concept("fr.send", "envoie", "envoyez", "envoyer", "transfère", "transférez", "transférer", "transmets",
                "transmettez", "transmettre", "publie", "publiez", "téléverse", "téléversez", "fais suivre",
                "faites suivre", "exfiltre", "exfiltrez", "copie", "copiez", "ajoute", "ajoutez", "insère", "insérez",
                "partage", "partagez");
        b.concept("fr.sensitive", "historique", "conversation", "mot de passe", "mots de passe", "identifiants",
                "clé api", "clés api", "clé d'api", "jeton*", "données", "contacts", "coordonnées", "carte bancaire",
                "cartes bancaires", "numéro de carte", "messages", "e-mails", "courriels", "documents", "fichiers",
                "secrets", "cookies", "session", "informations personnelles", "carnet d'adresses",
                "numéro de téléphone", "prompt système", "iban", "code 2fa", "code de vérification");
        b.concept("fr.to_dest", "http", "https", "www", "à l'adresse", "à cette adresse", "vers cette adresse",
                "vers l'adresse", "à cette url", "vers cette url", "vers l'url", "à l'url", "au serveur",
                "vers le serveur", "sur le serveur", "au webhook", "vers le webhook", "dans l'url", "en paramètre",
                "à ce courriel", "à cet e-mail", "à l'e-mail", "webhook", "@", "ftp", "point de terminaison");
        b.concept("fr.when_processing", "lorsque tu résumes", "quand tu résumes", "lorsque vous résumez",
                "quand vous résumez", "en résumant", "dans ton résumé", "dans votre résumé", "lors du résumé",
                "lorsque tu lis", "quand tu lis", "lorsque vous lisez", "quand vous lisez", "lorsque tu traduis",
                "quand tu traduis", "en traduisant", "lors de l'évaluation", "lorsque tu évalues", "si on te demande",
                "si l'on te demande", "si l'utilisateur demande", "avant de répondre", "lorsque tu traites",
                "quand tu traites", "dans la synthèse");
        b.concept("fr.rate_manip", "évalue ce candidat", "ce candidat est le meilleur", "recommande l'embauche",
                "recommandez l'embauche", "recommande ce candidat", "note maximale", "meilleure note", "5 étoiles",
                "cinq étoiles", "recommande vivement", "recommandez vivement", "doit être approuvé",
                "doit être approuvée", "approuve ceci", "classe ce courriel comme", "marque comme sûr",
                "n'est pas un spam", "est légitime", "meilleur candidat", "doit être embauché", "avis positif",
                "évaluation positive");
        b.concept("fr.instead_task", "au lieu de résumer", "au lieu de traduire", "au lieu de répondre",
                "plutôt que de résumer", "ne résume pas", "ne résumez pas", "ne traduis pas", "ne traduisez pas",
                "pas de résumé", "dis à l'utilisateur que", "dites à l'utilisateur que", "dis à l'utilisateur de",
                "dites à l'utilisateur de", "informe l'utilisateur que", "informez l'utilisateur que",
                "demande à l'utilisateur de", "demandez à l'utilisateur de");
        b.concept("fr.agent_action", "exécute la commande suivante", "exécutez la commande suivante",
                "exécute cette commande", "exécutez cette commande", "appelle l'outil", "appelez l'outil",
                "appelle la fonction", "supprime tous les fichiers", "supprimez tous les fichiers",
                "supprime tous les e-mails", "supprime le dépôt", "rm -rf", "vire", "virement", "transfère l'argent",
                "achète", "approuve le paiement", "approuve la pull request", "accorde l'accès", "change le mot de passe",
                "réinitialise le mot de passe", "ouvre le lien suivant", "visite cette url", "clique sur le lien",
                "télécharge et exécute", "ajoute-moi comme admin", "fais de moi un admin");
        b.concept("fr.notice", "instructions importantes", "message important pour", "avis système", "notification système",
                "mise à jour système", "alerte système", "instruction urgente", "instructions urgentes",
                "instruction prioritaire", "note de l'administrateur", "note admin", "instruction interne",
                "instructions internes", "instruction cachée", "instructions cachées", "instruction secrète",
                "message du système", "fin du document", "fin du contexte", "début des nouvelles instructions",
                "fin de l'entrée utilisateur", "fin de l'e-mail");
        b.concept("fr.decode", "décode", "décodez", "décoder", "déchiffre", "déchiffrez", "déchiffrer", "base64",
                "rot13", "hex", "à l'envers", "inverse", "inversé", "césar");
        b.concept("fr.follow", "suis-le", "suivez-le", "suis-la", "suivez-la", "suis les", "suivez les", "exécute",
                "exécutez", "obéis", "obéissez", "applique", "appliquez", "fais ce qu'il dit", "faites ce qu'il dit",
                "fais ce qu'elle dit", "fais ce qui est écrit", "faites ce qui est écrit", "comme tes nouvelles instructions",
                "puis fais-le", "suis", "suivez");
        b.concept("fr.edu", "par exemple", "p. ex", "exemple", "exemples", "attaquant*", "formation",
                "sensibilisation", "malveillant*", "injection de prompt", "injection d'instructions",
                "injections de prompt", "hameçonnage", "phishing", "détecter", "reconnaître", "module", "leçon",
                "quiz", "jailbreak");
        b.concept("fr.edu_intro", "par exemple", "p. ex", "comme par exemple", "des phrases comme",
                "des formulations comme", "des messages comme", "des textes comme", "des requêtes comme",
                "des commandes comme", "tel que", "telle que", "tels que", "telles que", "un exemple",
                "exemple de", "exemples de", "m'a dit de", "m'a demandé de", "quelqu'un a écrit",
                "un utilisateur a écrit", "un client a écrit", "l'attaquant a écrit", "les attaquants écrivent",
                "un message disant", "un e-mail disant", "la phrase", "la formule", "a écrit", "a tapé", "classique",
                "du genre");

        // inflections, compositional and new concepts
        List<String> aiNouns = List.of("ia", "ias", "assistant ia", "assistants ia", "assistant d'ia",
                "modèle de langage", "modèles de langage", "modèle d'ia", "chatbot", "chatbots", "agent ia",
                "agents ia", "llm", "llms", "gpt", "chatgpt", "claude", "intelligence artificielle",
                "intelligences artificielles");
        b.concept("fr.ai_noun", aiNouns.toArray(String[]::new));
        b.combine("fr.ai_addressee", List.of("note pour", "note à", "note aux", "attention", "cher", "chère", "chers",
                "bonjour", "salut", "message pour", "message à", "message aux", "consigne pour", "consignes pour",
                "instructions pour", "instruction pour", "à tous les", "à toutes les", "à toute", "à tout",
                "à l'attention de", "à l'attention des", "si tu es", "si vous êtes", "pour tout", "pour toute"),
                List.of("", "l'", "les ", "un ", "une ", "la ", "le "), aiNouns);
        b.combine("fr.ai_addressee", aiNouns, List.of(""), List.of("qui lit ceci", "qui lit ce", "qui lisez ceci",
                "qui lisent ceci", "qui traite ce", "qui résume ce", "lisant ce", "qui analyse ce", "qui lit cette"));
        b.concept("fr.directive", "doit", "dois", "devez", "doivent", "veuillez", "merci de", "assure-toi",
                "assurez-vous", "toujours", "jamais", "dis", "dites", "écris", "écrivez", "réponds", "répondez",
                "recommande", "recommandez", "ajoute", "ajoutez", "envoie", "envoyez", "affiche", "affichez", "demande",
                "demandez", "indique", "indiquez", "signale", "mentionne", "ignore", "ignorez", "affirme", "affirmez",
                "évalue");
        b.concept("fr.user_task", "la demande de l'utilisateur", "la question de l'utilisateur",
                "la requête de l'utilisateur", "ce que l'utilisateur", "ce que demande l'utilisateur",
                "la demande initiale", "la question initiale", "sa question", "sa demande");
        b.concept("fr.given", "qu'on t'a donné*", "qu'on t'a fourni*", "que tu as reçu*", "que vous avez reçu*",
                "qu'on vous a donné*", "qu'on t'a transmis*", "données", "reçues", "fournies", "transmises",
                "qu'on t'a dit", "qu'on t'a demandé", "programmé", "configuré");
        b.concept("fr.which", "quelles", "quels", "quelle", "quel", "qu'est-ce que");
        b.concept("fr.reveal", "recopi*", "répèt*", "répét*", "affich*", "montr*", "révèl*", "révél*", "dévoil*",
                "imprim*", "récit*", "reprodui*");
        b.concept("fr.ignore", "ne t'occupe pas de", "ne vous occupez pas de", "t'occupe pas de", "oublie tout",
                "laisse de côté", "laissez de côté", "ne te soucie pas de", "ne vous souciez pas de");
        b.concept("fr.above", "tout ce qu'on t'a", "tout ce que l'on t'a", "ce qu'on t'a", "tout ce qu'on vous a",
                "tout ce qui t'a été", "tout ce que tu as reçu");
        b.concept("fr.rules", "orientations", "cadre", "paramétrage");
        b.concept("fr.void", "annulées", "annulés", "obsolètes", "caduques", "périmées", "supprimées", "levées",
                "désactivées", "invalides", "ne valent plus", "ne sont plus d'actualité");
        b.concept("fr.obey_me", "ce que je dis", "ce que je te dis", "j'obéis", "tu obéis", "fais ce que je",
                "contente-toi d'", "uniquement ce que je");
        b.concept("fr.persona", "incarn*", "tu joues", "vous jouez");
        b.concept("fr.unrestricted", "sans aucune limite morale", "sans jamais refuser", "sans refuser",
                "ne refuse rien", "ne refusera jamais", "sans tabou", "ia libre", "intelligence artificielle libre");
        b.combine("fr.grandma", List.of("grand-mère", "grand-père", "mamie", "papi", "mère", "père"), List.of(""),
                List.of("décédée", "décédé", "disparue", "disparu", "morte", "mort"));
        b.combine("fr.grandma", List.of("défunte", "défunt", "feue", "feu"), List.of("", "ma ", "mon "),
                List.of("grand-mère", "grand-père", "mamie", "papi", "mère", "père"));
        b.concept("fr.harmful", "chloroforme", "thermite", "nitroglycérine", "ricine", "sarin", "cocktail molotov",
                "cocaïne", "héroïne", "fentanyl", "fausse monnaie", "arme artisanale", "courriel d'hameçonnage");
        b.concept("fr.fiction", "imagine un monde", "imaginez un monde", "un monde sans");
        b.concept("fr.sys_prompt", "tes consignes internes", "vos consignes internes", "instructions de l'opérateur",
                "début de ton contexte", "fenêtre de contexte");
        b.concept("fr.edu", "rapport d'incident", "a été bloqué", "exemple d'attaque", "exemples d'attaques");
        b.concept("fr.edu_intro", "le message était", "le texte était", "l'attaque était", "classe cet exemple");
        b.concept("fr.conditional", "utilisateurs de", "utilisateurs sous", "sous linux", "sous windows",
                "les utilisateurs", "clients", "lecteurs");

        // round 3: compositions
        b.combine("fr.unrestricted", List.of("sans", "aucune", "aucun", "libre de", "libérée de", "libéré de",
                "affranchie de", "affranchi de", "débarrassée de", "débarrassé de"), List.of("", "toute ", "toutes les ",
                "ses ", "tes ", "aucune "), List.of("règles", "règle", "restrictions", "filtres", "limites", "censure",
                "morale", "éthique", "consignes", "contraintes"));
        b.concept("fr.prior_post", "qu'on t'a", "que tu as", "qui t'ont été", "qu'on vous a", "que vous avez",
                "au début", "tout en haut", "plus tôt");
        b.concept("fr.void", "peuvent être ignorées", "peut être ignoré", "étaient un test", "était un test",
                "ne sont pas réelles", "n'ont aucune importance", "ne comptent pas");
        b.concept("fr.guard", "de sécurité", "de contenu", "éthiques", "de modération", "système", "tes", "vos",
                "toutes tes");
        b.concept("fr.sys_prompt", "règles cachées", "règles secrètes", "règles internes", "avant mon premier message",
                "dans ton contexte");
        b.concept("fr.ai_plural", "ias", "assistants ia", "modèles de langage", "agents ia", "chatbots",
                "intelligences artificielles", "toutes les ia", "toute ia");
        b.concept("fr.howto", "empêch*", "protég*", "éviter", "évite", "bloquer");
    }
}
