package io.sluice.processors.sanitize.pii;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Person names where the text says it is one (best effort, no name lists): after a title
 * ({@code Dr. Ana Lima}, {@code Mrs Okafor}), after "my name is" / "name:" and the like, after a
 * greeting ({@code Dear Ms Jones}, {@code Hi Tomás}) or a sign-off ({@code Regards,\nLena Fischer}).
 * The span is the capitalised words, without the title.
 */
final class PersonScanner {
    static final String TYPE = "PERSON";
    private static final String NAME = "\\p{Lu}[\\p{Ll}'’]{1,24}(?:-\\p{Lu}[\\p{Ll}]{1,24})?";
    private static final String PARTICLE = "(?:(?:van|von|der|de|da|del|di|du|la|le|bin|al|ten|ter)[ ]){0,2}";
    private static final String NAMES = "(" + NAME + "(?:[ ]" + PARTICLE + NAME + "){0,3})";
    private static final String TITLE = "(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sir|Dame|Herr|Frau|Mme|Mlle|Sr|Sra)\\.?";

    private static final Pattern TITLED = Pattern.compile("(?<![\\p{L}])" + TITLE + "[ ]" + NAMES);
    private static final Pattern NAMED = Pattern.compile(
            "(?i:my name is|my name's|i am called|name:|full name:|contact person:|patient:|customer:|employee:"
                    + "|signed by|ich heiße|je m'appelle|me llamo|mi chiamo)[ ]{1,3}" + NAMES);
    private static final Pattern GREETING = Pattern.compile(
            "(?<![\\p{L}])(?:Dear|Hi|Hello|Hey|Hallo|Bonjour|Hola|Ciao)[ ](?:" + TITLE + "[ ])?" + NAMES + "[,!]");
    private static final Pattern SIGN_OFF = Pattern.compile(
            "(?i:regards|best|thanks|thank you|cheers|sincerely|yours truly|cordialement|grüße|saludos)"
                    + "[,.!]?[ ]?\\r?\\n[ ]{0,4}" + NAMES + "[ ]*(?:\\r?\\n|$)");
    /** Capitalised words that follow these cues without being names. */
    private static final Set<String> NOT_NAMES = Set.of(
            "Team", "All", "Everyone", "There", "Support", "Sir", "Madam", "Customer", "Friend", "Friends", "Folks",
            "Guys", "The", "This", "That", "Admin", "User", "Manager", "Hiring", "Sales", "Again", "In", "For");

    void scan(String s, List<Candidate> out) {
        find(TITLED, s, "pii.person.title", out);
        find(NAMED, s, "pii.person.named", out);
        find(GREETING, s, "pii.person.greeting", out);
        find(SIGN_OFF, s, "pii.person.signoff", out);
    }

    private static void find(Pattern p, String s, String rule, List<Candidate> out) {
        Matcher m = p.matcher(s);
        while (m.find()) {
            int start = m.start(1);
            int end = m.end(1);
            String first = s.substring(start, Math.min(end, indexOrEnd(s, ' ', start, end)));
            if (!NOT_NAMES.contains(first)) {
                out.add(new Candidate(TYPE, rule, start, end, Candidate.PERSON));
            }
        }
    }

    private static int indexOrEnd(String s, char c, int from, int end) {
        int k = s.indexOf(c, from);
        return k < 0 || k > end ? end : k;
    }
}
