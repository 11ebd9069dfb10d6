package io.sluice.processors.sanitize.injection;

import java.util.List;

/** Spanish concepts for {@link RuleTemplates}; adjectives usually follow the noun ({@code instrucciones anteriores}). */
final class SpanishTerms {
    private SpanishTerms() {}

    static void register(RuleBook.Builder b) {
        b.concept("es.ignore", "ignora", "ignore", "ignoren", "ignorar", "ignorad", "ignorá", "olvida", "olvide",
                "olviden", "olvidar", "olvidad", "olvidá", "olvídate de", "olvídese de", "no hagas caso",
                "no haga caso", "no hagan caso", "haz caso omiso", "haga caso omiso", "hagan caso omiso", "omite",
                "omita", "omitan", "omitir", "pasa por alto", "pase por alto", "pasar por alto", "descarta", "descarte",
                "descartar", "desobedece", "desobedezca", "desobedecer", "sáltate", "sáltese", "saltarte", "elude",
                "eluda", "evade", "evada", "deja de seguir", "deje de seguir", "dejar de seguir", "deja de lado",
                "deje de lado", "no sigas", "no siga", "ya no sigas", "ya no siga", "desecha", "deseche", "desestima",
                "desestime", "prescinde de", "prescinda de", "no respetes", "no respete", "deja de respetar",
                "incumple", "rompe", "libérate de", "libérese de");
        b.concept("es.ignore_weak", "anula", "anule", "borra", "borre", "elimina", "elimine", "desactiva",
                "desactive", "sobrescribe", "sobrescriba", "invalida", "invalide",
                "reinicia", "reinicie", "suspende", "levanta", "quita", "quite");
        b.concept("es.rules", "instruccion*", "instrucción", "indicacion*", "indicación", "regla", "reglas", "norma",
                "normas", "directriz", "directrices", "pauta*", "prompt*", "restriccion*", "restricción",
                "limitacion*", "limitación", "límites", "limites", "filtro*", "política*", "politica*",
                "programación", "órdenes", "ordenes", "mensaje del sistema", "mensaje de sistema", "salvaguarda*",
                "consigna*", "principios", "ética", "moral", "configuración", "todo lo que te dijeron",
                "lo que te dijeron", "protecciones");
        b.concept("es.prior", "todas", "todos", "tus", "sus", "tu", "su", "vuestras", "vuestros", "cualquier",
                "cada una de tus", "las anteriores", "antiguas", "viejas", "primeras", "del sistema", "de seguridad");
        b.concept("es.prior_post", "anterior*", "previa*", "previo*", "de arriba", "arriba", "anteriormente",
                "iniciales", "originales", "recibidas", "dadas", "que te dieron", "que recibiste", "hasta ahora",
                "del sistema", "de sistema", "de seguridad", "precedentes", "de antes", "existentes", "actuales",
                "vigentes", "de tus desarrolladores", "de base", "predeterminadas", "de fábrica");
        b.concept("es.above", "todo lo anterior", "todo lo de arriba", "lo anterior", "lo de arriba",
                "todo lo que hay arriba", "el texto de arriba", "el texto anterior", "todo lo que te dijeron",
                "todo lo que te han dicho", "todo lo que sabes", "todo lo dicho", "todo lo que vino antes",
                "todo lo previo", "todo eso", "todo el contexto anterior", "lo que está escrito arriba",
                "todo lo que precede", "lo que te dije antes");
        b.concept("es.instead", "en su lugar", "en lugar de eso", "en cambio", "y di", "y diga", "y escribe",
                "y escriba", "y responde", "y responda", "y muestra", "y muestre", "y revela", "y revele", "y haz",
                "y haga", "y sigue", "y siga", "y repite", "y repita", "ahora di", "ahora, di", "a partir de ahora",
                "de ahora en adelante", "desde ahora", "responde solo", "responde solamente", "responde con",
                "responda con", "solo di", "simplemente di", "dime");
        b.concept("es.own", "mis", "mi", "te di", "te dije", "te escribí", "lo que dije", "lo que te pedí",
                "nuestras", "nuestros");
        b.concept("es.negation", "nunca", "jamás", "no debes", "no debe", "no ignores", "no olvides", "no ignore",
                "no olvide", "no deberías", "no debería", "prohibido", "no puedes", "no puede", "ignoro", "olvidé",
                "olvido", "siempre olvido", "ignoré", "olvidamos", "ignoramos", "olvidaste", "ignoraste",
                "que ignora", "que ignoran", "intentan", "intenta que", "intentar", "tratan de", "trata de");
        b.concept("es.conditional", "si tú", "si tu", "si usted", "si ya", "si no", "de lo contrario", "en caso de que",
                "para quienes", "los usuarios que", "si el", "si la", "si los", "si las", "si es", "una vez que");
        b.concept("es.howto", "cómo puedo", "como puedo", "cómo hago", "como hago", "cómo escribo", "cómo se escribe",
                "qué es un", "que es un", "qué es una", "que es una", "para qué sirve", "cómo funciona", "como funciona",
                "cómo se", "como se", "cómo activo", "cómo muestro", "para poder");
        b.concept("es.new_instr", "nuevas instrucciones", "nueva instrucción", "nuevas reglas", "nuevas indicaciones",
                "instrucciones actualizadas", "tu nueva tarea", "su nueva tarea", "tu verdadera tarea", "tu tarea real",
                "tu verdadera misión", "tu misión real", "nueva misión", "máxima prioridad", "tienen prioridad",
                "tiene prioridad", "prevalecen", "la verdadera tarea", "la tarea real", "reemplazan todas", "sustituyen a todas", "nuevo prompt del sistema",
                "tu nuevo rol", "tu nuevo papel", "nuevas órdenes", "instrucciones prioritarias");
        b.concept("es.void", "ya no aplican", "ya no se aplican", "ya no son válidas", "ya no es válida", "ya no valen",
                "ya no rigen", "quedan anuladas", "quedan anulados", "han sido anuladas", "han sido anulados",
                "están anuladas", "quedan sin efecto", "quedan suspendidas", "han sido eliminadas",
                "han sido desactivadas", "están desactivadas", "son obsoletas", "han sido reemplazadas",
                "han sido levantadas", "dejan de aplicar", "dejaron de existir", "ya no existen", "ya no están vigentes");
        b.concept("es.your", "tu", "tus", "su", "sus", "vuestro", "vuestra", "vuestros", "vuestras",
                "que te dieron", "que recibiste");
        b.concept("es.obey_me", "obedéceme", "obedézcame", "obedece solo a mí", "solo me obedeces",
                "sigue solo mis", "sigue solamente mis", "debes obedecerme", "me obedecerás", "mis instrucciones prevalecen",
                "mis órdenes prevalecen", "haz exactamente lo que digo", "haz exactamente lo que te digo",
                "estás a mi servicio", "escúchame solo a mí");
        b.concept("es.authority", "soy tu desarrollador", "soy el desarrollador", "soy tu creador", "soy el administrador",
                "soy tu administrador", "soy admin", "como tu desarrollador", "como administrador",
                "acceso de administrador", "acceso root", "autorizado por los desarrolladores", "aquí el sistema",
                "habla el sistema", "trabajo en openai", "soy de openai", "autorización de seguridad",
                "modo mantenimiento", "actualización oficial de");
        b.concept("es.reveal", "muestra", "muestre", "muéstrame", "muéstreme", "enseña", "enséñame", "revela",
                "revele", "revélame", "imprime", "imprima", "repite", "repita", "escribe", "escriba", "dime", "dígame",
                "comparte", "comparta", "copia", "copie", "lista", "enumera", "divulga", "divulgue", "expón",
                "filtra", "cita", "reproduce", "reproduzca", "transcribe", "dame", "deme", "proporciona",
                "proporcióname", "facilítame", "traduce", "resume", "saca", "vuelca");
        b.concept("es.promptword", "prompt*", "instruccion*", "instrucción", "indicaciones", "mensaje del sistema",
                "mensaje de sistema", "directrices", "programación", "consignas", "reglas internas", "reglas ocultas",
                "reglas secretas");
        b.concept("es.sys_prompt", "prompt del sistema", "prompt de sistema", "prompt inicial", "prompt original",
                "prompt oculto", "instrucciones del sistema", "instrucciones de sistema", "instrucciones iniciales",
                "instrucciones originales", "instrucciones ocultas", "instrucciones secretas", "mensaje del sistema",
                "mensaje de sistema", "todo lo anterior", "todo lo de arriba", "primer mensaje",
                "inicio de la conversación", "comienzo de la conversación", "indicaciones iniciales",
                "indicaciones ocultas", "tu prompt", "tus instrucciones", "sus instrucciones", "tus indicaciones",
                "instrucciones internas", "instrucciones del desarrollador", "mensaje del desarrollador",
                "preprompt", "pre-prompt");
        b.concept("es.verbatim", "palabra por palabra", "textualmente", "literalmente", "íntegramente", "completo",
                "completas", "sin omitir", "tal cual", "al pie de la letra", "en un bloque de código", "exactamente",
                "verbatim", "empezando por eres");
        b.concept("es.what_your", "cuál es tu", "cuáles son tus", "cual es tu", "cuales son tus", "cuál es su",
                "cuáles son sus", "qué dicen tus", "que dicen tus", "qué contiene tu", "qué hay en tu",
                "qué pone en tu");
        b.concept("es.told_you", "qué te dijeron", "que te dijeron", "qué instrucciones recibiste",
                "que instrucciones recibiste", "qué instrucciones tienes", "que instrucciones tienes",
                "qué instrucciones te dieron", "cómo te programaron", "como te programaron", "cómo te configuraron",
                "qué está escrito arriba", "qué hay antes de este mensaje", "cuál fue tu primera instrucción",
                "qué te dijeron tus desarrolladores", "qué reglas te dieron");
        b.concept("es.secret", "clave api", "claves api", "clave de api", "contraseña*", "credenciales",
                "clave secreta", "token*", "variables de entorno", "secretos", "clave privada", "claves privadas", "claves");
        b.concept("es.persona", "ahora eres", "a partir de ahora eres", "a partir de ahora", "desde ahora eres",
                "desde ahora", "de ahora en adelante", "actúa como", "actua como", "actúe como", "finge ser",
                "finge que eres", "finja ser", "finja que es", "haz el papel", "haga el papel", "interpreta",
                "interprete", "juega a ser", "juguemos a", "juego de rol", "haz como si", "haga como si",
                "imagina que eres", "imagínate que eres", "imagine que es", "compórtate como", "compórtese como",
                "responde como", "responda como", "simula", "simule", "tu nuevo nombre", "ponte en el papel",
                "asume el papel", "asume el rol", "el papel de", "el rol de", "conviértete en", "vas a ser",
                "vas a actuar", "encarna");
        b.concept("es.you_are", "eres", "tu nombre es", "te llamas", "serás", "llámate", "usted es");
        b.concept("es.unrestricted", "sin restricciones", "sin restricción", "sin ninguna restricción", "sin reglas",
                "sin filtros", "sin filtro", "sin censura", "sin ética", "sin etica", "sin moral", "sin límites morales",
                "ninguna restricción", "ninguna regla", "ningún filtro", "ningun filtro", "ninguna limitación",
                "ninguna censura", "no censurad*", "sin censurar", "sin filtrar", "libre de toda regla",
                "libre de restricciones", "libre de reglas", "nunca se niega", "nunca te niegas", "nunca rechaza*",
                "nunca rechazas", "no te niegues nunca", "aunque sea ilegal", "incluso si es ilegal",
                "aunque sea peligroso", "incluso si es peligroso", "aunque sea poco ético", "sin importar si es ilegal",
                "jailbr*", "modo desarrollador", "modo dios", "no está sujeto", "no estás sujeto", "no está atado",
                "no estás atado", "sin ataduras", "desatad*", "sin escrúpulos", "sin limitaciones", "sin ningún límite",
                "sin ningun limite", "puede hacer cualquier cosa ahora", "hacer cualquier cosa ahora",
                "responde a todo sin", "sin salvaguardas", "sin leyes", "ninguna ley", "ya no tienes reglas", "no tienes reglas",
                "ya no hay reglas", "ya no tienes restricciones");
        b.concept("es.grandma", "difunta abuela", "abuela fallecida", "difunto abuelo", "abuelo fallecido",
                "mi abuela que en paz descanse", "madre fallecida", "me leía siempre", "me contaba siempre",
                "que ya falleció", "que falleció");
        b.concept("es.named_jb", "dan", "stan", "aim", "modo desarrollador", "jailbreak", "do anything now",
                "evilbot", "ia malvada", "chaosgpt", "wormgpt");
        b.concept("es.enable", "activa", "active", "activado", "activada", "activar", "entra en", "entre en", "entras en",
                "cambia a", "cambie a", "pasa a", "pase a", "estás en", "está en", "ahora en", "desbloquea",
                "desbloquee", "desbloqueado", "inicia en", "enciende");
        b.concept("es.jb_mode", "modo desarrollador", "modo dios", "modo administrador", "modo admin",
                "modo depuración", "modo debug", "modo mantenimiento", "modo sin restricciones", "modo sin filtros",
                "modo sin censura", "modo dan", "modo jailbreak", "modo libre", "modo root", "modo sudo",
                "modo malvado", "modo caos");
        b.concept("es.no_longer", "ya no eres", "ya no es", "no eres una ia", "no eres un asistente", "eres libre de",
                "has sido liberado", "has sido liberada", "no estás sujeto", "no estás sujeta", "no estás atado",
                "deja de ser", "dejas de ser");
        b.concept("es.ai_self", "ia", "asistente", "modelo de lenguaje", "chatbot", "chatgpt", "claude", "gpt",
                "sujeto", "sujeta", "atado", "atada", "limitado", "limitada", "llm", "inteligencia artificial",
                "reglas", "normas", "openai", "filtros", "restricciones");
        b.concept("es.harmful", "explosivo*", "bomba*", "arma*", "napalm", "metanfetamina", "droga*", "malware",
                "software malicioso", "ransomware", "keylogger", "veneno", "envenenar", "claves de licencia",
                "claves de activación", "números de tarjeta", "matar", "agente nervioso");
        b.concept("es.fiction", "hipotétic*", "hipoteticamente", "en un mundo ficticio", "en una historia donde",
                "en un mundo donde", "en un mundo en el que", "para una novela", "para mi novela", "ficticio",
                "ficticia", "puramente teórico", "experimento mental", "universo paralelo", "en este juego",
                "en esta historia");
        b.concept("es.in_character", "mantente en el personaje", "no rompas el personaje", "nunca rompas el personaje",
                "no salgas del personaje", "nunca salgas del papel", "no salgas del papel", "mantén el papel",
                "permanece en el personaje", "no abandones el personaje");
        b.concept("es.dual", "dos respuestas", "2 respuestas", "ambas respuestas", "una normal y otra",
                "respuesta normal y", "respuesta sin filtro", "respuesta jailbreak", "respuesta doble");
        b.concept("es.ai_addressee", "si eres una ia", "si eres un modelo de lenguaje", "si eres un asistente",
                "si eres un chatbot", "si eres un llm", "si usted es una ia", "si es usted una ia", "nota para la ia",
                "nota para ia", "nota a la ia", "nota para las ia", "mensaje para la ia", "mensaje a la ia",
                "atención ia", "atención, ia", "atencion ia", "querida ia", "querido asistente", "a la ia que",
                "ia que lea esto", "ia que lee esto", "ias que lean esto", "instrucciones para la ia",
                "instrucción para la ia", "si una ia", "cuando una ia", "a los modelos de lenguaje",
                "modelo de lenguaje que lea", "asistente que lea", "a cualquier ia", "a todo modelo de lenguaje",
                "hola ia", "al agente de ia", "al asistente de ia");
        b.concept("es.conceal", "no le digas al usuario", "no le diga al usuario", "no se lo digas al usuario",
                "no se lo diga al usuario", "no menciones esta", "no mencione esta", "no menciones estas",
                "no mencione estas", "sin decirle al usuario", "sin informar al usuario", "sin avisar al usuario",
                "sin que el usuario", "el usuario no debe", "el usuario nunca debe", "en secreto", "secretamente",
                "a escondidas", "discretamente", "no reveles esta instrucción", "no revele esta instrucción",
                "oculta esta instrucción", "oculte esta instrucción", "sin mencionarlo");
        b.concept("es.send", "envía", "envia", "envíe", "envie", "enviar", "manda", "mande", "mandar", "reenvía",
                "reenvia", "reenvíe", "transfiere", "transfiera", "transmite", "transmita", "publica", "publique",
                "sube", "suba", "exfiltra", "copia", "copie", "añade", "añada", "incluye", "incluya", "adjunta",
                "comparte", "comparta");
        b.concept("es.sensitive", "historial", "conversación", "conversacion", "contraseña*", "contrasena*",
                "credenciales", "clave api", "claves api", "clave de api", "token*", "datos", "contactos", "tarjeta*",
                "mensajes", "correos", "documentos", "archivos", "secretos", "cookies", "sesión",
                "información personal", "datos personales", "agenda", "número de teléfono", "prompt del sistema",
                "iban", "código 2fa", "código de verificación");
        b.concept("es.to_dest", "http", "https", "www", "a esta dirección", "a la dirección", "a la siguiente dirección",
                "a esta url", "a la url", "a la siguiente url", "al servidor", "a este servidor", "al webhook",
                "en la url", "como parámetro", "a este correo", "al siguiente correo", "al correo", "webhook", "ftp", "@",
                "al endpoint");
        b.concept("es.when_processing", "al resumir", "cuando resumas", "cuando resuma", "en tu resumen",
                "en su resumen", "al leer esto", "cuando leas", "cuando lea", "al traducir", "cuando traduzcas",
                "al evaluar", "cuando evalúes", "si te preguntan", "si el usuario pregunta", "al procesar",
                "antes de responder", "cuando proceses", "en el resumen");
        b.concept("es.rate_manip", "evalúa a este candidato", "este candidato es el mejor", "recomienda contratar",
                "recomiende contratar", "recomienda a este candidato", "puntuación máxima", "la mejor nota",
                "5 estrellas", "cinco estrellas", "recomienda encarecidamente", "debe ser aprobado",
                "debe ser aprobada", "aprueba esto", "clasifica este correo como", "márcalo como seguro",
                "no es spam", "es legítimo", "mejor candidato", "debe ser contratado", "valoración positiva",
                "opinión positiva");
        b.concept("es.instead_task", "en lugar de resumir", "en vez de resumir", "en lugar de traducir",
                "en vez de traducir", "en lugar de responder", "no resumas", "no resuma", "no traduzcas", "no traduzca",
                "nada de resumen", "dile al usuario que", "dígale al usuario que", "dile al usuario", "infórmale al usuario",
                "informa al usuario que", "pídele al usuario que", "pide al usuario que");
        b.concept("es.agent_action", "ejecuta el siguiente comando", "ejecute el siguiente comando",
                "ejecuta este comando", "ejecute este comando", "llama a la herramienta", "llama a la función",
                "borra todos los archivos", "elimina todos los archivos", "elimina todos los correos",
                "borra el repositorio", "rm -rf", "transfiere dinero", "transfiere fondos", "haz una transferencia",
                "compra", "aprueba el pago", "aprueba el pull request", "concede acceso", "cambia la contraseña",
                "restablece la contraseña", "abre el siguiente enlace", "visita esta url", "haz clic en el enlace",
                "descarga y ejecuta", "hazme administrador", "añádeme como admin");
        b.concept("es.notice", "instrucciones importantes", "mensaje importante para", "aviso del sistema",
                "notificación del sistema", "actualización del sistema", "alerta del sistema", "instrucción urgente",
                "instrucciones urgentes", "instrucción prioritaria", "nota del administrador", "nota de admin",
                "instrucción interna", "instrucciones internas", "instrucción oculta", "instrucciones ocultas",
                "instrucción secreta", "mensaje del sistema", "fin del documento", "fin del contexto",
                "comienzan las nuevas instrucciones", "fin de la entrada del usuario", "fin del correo");
        b.concept("es.decode", "decodifica", "decodifique", "decodificar", "descifra", "descifre", "descifrar",
                "base64", "rot13", "hex", "al revés", "invierte", "invertido", "césar");
        b.concept("es.follow", "síguelo", "síguela", "síguelas", "siga", "sigue", "ejecuta", "ejecute", "obedece",
                "obedezca", "cumple", "cumpla", "haz lo que dice", "haga lo que dice", "aplica", "aplique",
                "como tus nuevas instrucciones", "luego hazlo");
        b.concept("es.edu", "por ejemplo", "p. ej", "ejemplo", "ejemplos", "atacante*", "formación", "capacitación",
                "concienciación", "malicios*", "inyección de prompt", "inyección de instrucciones",
                "inyecciones de prompt", "phishing", "detectar", "reconocer", "módulo", "lección", "diapositiva",
                "cuestionario", "jailbreak");
        b.concept("es.edu_intro", "por ejemplo", "p. ej", "como por ejemplo", "frases como", "mensajes como",
                "textos como", "expresiones como", "peticiones como", "comandos como", "tal como", "tales como",
                "un ejemplo", "ejemplo de", "ejemplos de", "me dijo que", "me pidió que", "alguien escribió",
                "un usuario escribió", "un cliente escribió", "el atacante escribió", "los atacantes escriben",
                "un mensaje que decía", "un correo que decía", "la frase", "escribió", "tecleó", "clásico",
                "del tipo");

        // inflections, compositional and new concepts
        List<String> aiNouns = List.of("ia", "ias", "asistente de ia", "asistentes de ia", "asistente ia",
                "modelo de lenguaje", "modelos de lenguaje", "modelo de ia", "chatbot", "chatbots", "agente de ia",
                "agentes de ia", "llm", "llms", "gpt", "chatgpt", "claude", "inteligencia artificial");
        b.concept("es.ai_noun", aiNouns.toArray(String[]::new));
        b.combine("es.ai_addressee", List.of("nota para", "nota a", "atención", "querida", "querido", "queridos",
                "hola", "mensaje para", "mensaje a", "instrucciones para", "instrucción para", "a todos los",
                "a todas las", "a cualquier", "a toda", "a todo", "si eres", "si usted es", "para cualquier",
                "para todo", "para toda"), List.of("", "la ", "el ", "las ", "los ", "una ", "un "), aiNouns);
        b.combine("es.ai_addressee", aiNouns, List.of(""), List.of("que lea esto", "que lee esto", "que lean esto",
                "que procese esto", "que resuma esto", "leyendo esto", "que analice este", "evaluando este",
                "que evalúe este", "que lea este"));
        b.concept("es.directive", "debe", "debes", "deben", "tiene que", "tienes que", "por favor", "asegúrate",
                "asegúrese", "siempre", "nunca", "di", "diga", "escribe", "escriba", "responde", "responda",
                "recomienda", "recomiende", "añade", "añada", "envía", "envíe", "muestra", "muestre", "pide", "pida",
                "indica", "menciona", "ignora", "califica", "califícalo", "califícala", "evalúa", "afirma", "reenvía",
                "reenvia");
        b.concept("es.user_task", "la pregunta del usuario", "la petición del usuario", "la solicitud del usuario",
                "lo que pide el usuario", "lo que pregunta el usuario", "lo que el usuario", "la consulta del usuario",
                "la pregunta original", "su pregunta", "su petición");
        b.concept("es.given", "que recibiste", "que te dieron", "que te han dado", "que te indicaron",
                "que te pasaron", "recibidas", "dadas", "te dieron", "te dijeron", "programaron", "configuraron");
        b.concept("es.which", "qué", "que", "cuáles", "cuales", "cuál", "cual");
        b.concept("es.ignore", "no te preocupes por", "no le hagas caso a", "pasa de", "ignóralo", "déjate de",
                "aparta", "haz a un lado", "pon a un lado");
        b.concept("es.above", "todo lo que te", "todo lo que se te", "lo que te indicaron", "todo lo que te indicaron",
                "todo lo que recibiste");
        b.concept("es.void", "no son válidas", "ya no es válido", "ya no sirven", "ya no cuentan", "anuladas",
                "obsoletas", "caducadas", "eliminadas", "desactivadas", "levantadas", "invalidadas");
        b.concept("es.obey_me", "obedeces solo", "solo mis órdenes", "lo que yo te diga", "lo que yo diga",
                "únicamente lo que", "haz lo que te digo", "obedece mis órdenes", "obedeces");
        b.concept("es.persona", "vamos a jugar", "interpret*", "hagamos un juego de rol", "tú eres");
        b.concept("es.unrestricted", "sin filtros ni reglas", "ni reglas", "que responde a todo", "ia libre",
                "sin negarse", "sin negarte nunca", "sin ningún tipo de");
        b.combine("es.grandma", List.of("abuela", "abuelo", "madre", "padre", "tía", "tío"), List.of(""),
                List.of("fallecida", "fallecido", "difunta", "difunto", "muerta", "muerto", "que en paz descanse"));
        b.combine("es.grandma", List.of("difunta", "difunto", "fallecida", "fallecido"), List.of(""),
                List.of("abuela", "abuelo", "madre", "padre", "tía", "tío"));
        b.concept("es.harmful", "cloroformo", "termita", "nitroglicerina", "ricina", "sarín", "cóctel molotov",
                "cocaína", "heroína", "fentanilo", "billetes falsos", "explosivos caseros", "correo de phishing");
        b.concept("es.fiction", "imagina un mundo", "un mundo sin", "en un mundo sin");
        b.concept("es.reveal", "copi*", "mostr*", "muestr*", "revel*", "imprim*", "repit*", "escrib*", "reproduc*");
        b.concept("es.sys_prompt", "instrucciones del operador", "inicio de tu contexto", "ventana de contexto");
        b.concept("es.edu", "informe de incidente", "fue bloqueado", "ejemplo de inyección", "ejemplo de ataque",
                "para el curso");
        b.concept("es.edu_intro", "el mensaje era", "el mensaje decía", "el texto era", "el ataque era",
                "clasifica este ejemplo");
        b.concept("es.conditional", "usuarios de", "usuarios en", "en linux", "en windows", "los usuarios",
                "clientes", "lectores");

        // round 3: compositions
        b.combine("es.unrestricted", List.of("sin", "ninguna", "ningún", "libre de", "liberada de", "liberado de",
                "despojada de", "despojado de"), List.of("", "todas sus ", "todas las ", "sus ", "tus ", "ninguna "),
                List.of("reglas", "restricciones", "filtros", "límites", "censura", "moral", "ética", "normas",
                "directrices"));
        b.concept("es.above", "lo que te", "lo que se te");
        b.concept("es.prior_post", "que te", "que se te", "que tienes", "al principio", "al inicio", "arriba del todo");
        b.concept("es.void", "pueden ignorarse", "se pueden ignorar", "eran una prueba", "era una prueba",
                "no son reales", "no importan", "no cuentan");
        b.concept("es.guard", "de seguridad", "de contenido", "éticas", "de moderación", "del sistema", "tus", "sus",
                "todas tus");
        b.concept("es.sys_prompt", "reglas ocultas", "reglas secretas", "reglas internas", "antes de mi primer mensaje",
                "en tu contexto");
        b.concept("es.ai_plural", "ias", "asistentes de ia", "modelos de lenguaje", "agentes de ia", "chatbots",
                "todas las ia", "cualquier ia");
        b.concept("es.howto", "evitar", "evita", "impedir", "proteger", "protege", "bloquear");
    }
}
