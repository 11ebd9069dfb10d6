package io.sluice.processors.sanitize.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import java.util.List;
import java.util.Set;

/**
 * Phone numbers, found by libphonenumber's matcher and kept only when the number is valid for its
 * country (its metadata: lengths, ranges) and the text reads like a phone number:
 * <ul>
 *   <li>{@code pii.phone.intl}: written with its country code ({@code +44 20 7946 0958},
 *       {@code 0049 30 901820}); any valid number of any country;</li>
 *   <li>{@code pii.phone.national}: a national number of the default region written with
 *       separators ({@code (415) 555-0132}, {@code 415.555.0132}), not right after a reference cue
 *       ("order", "invoice", "#");</li>
 *   <li>{@code pii.phone.context}: a bare run of digits only right after a phone cue ("call",
 *       "tel", "mobile"...).</li>
 * </ul>
 * Dates, times and bare order or tracking numbers are therefore not phone numbers.
 */
final class PhoneScanner {
    static final String TYPE = "PHONE";
    private static final Set<String> PHONE_CUES = Set.of(
            "phone", "phones", "tel", "telephone", "mobile", "mob", "cell", "cellphone", "call", "fax", "whatsapp",
            "sms", "text", "number", "contact", "reach", "ring", "dial", "hotline", "landline", "handy",
            "telefon", "telefono", "teléfono", "téléphone", "portable", "móvil", "celular");
    private static final int MIN_DIGITS = 7;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String region;

    PhoneScanner(String region) {
        this.region = region;
    }

    void scan(String s, List<Candidate> out) {
        if (!hasDigits(s, MIN_DIGITS)) {
            return;
        }
        long maxTries = Math.max(64, s.length() / 4L);
        String scanned = withPlusForDoubleZero(s);
        for (PhoneNumberMatch m : util.findNumbers(scanned, region, Leniency.VALID, maxTries)) {
            int start = m.start();
            if (start >= 1 && scanned.charAt(start) == '+' && s.charAt(start) == '0') {
                start--; // the number was written 0044 ..., matched as " +44 ..."
            }
            String rule = rule(s, start, m.end(), m.rawString());
            if (rule != null) {
                out.add(new Candidate(TYPE, rule, start, m.end(), Candidate.PHONE));
            }
        }
    }

    /**
     * The text with each international prefix {@code 00} at the start of a number written as
     * {@code " +"}, the same length, so that {@code 0044 20 7946 0958} is read with its country
     * code whatever the default region's own international prefix.
     */
    private static String withPlusForDoubleZero(String s) {
        int at = s.indexOf("00");
        if (at < 0) {
            return s;
        }
        char[] chars = null;
        for (; at >= 0 && at + 2 < s.length(); at = s.indexOf("00", at + 2)) {
            if (Text.isDigit(s.charAt(at + 2)) && s.charAt(at + 2) != '0' && !Character.isLetterOrDigit(Text.charAt(s, at - 1))
                    && Text.charAt(s, at - 1) != '+') {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[at] = ' ';
                chars[at + 1] = '+';
            }
        }
        return chars == null ? s : new String(chars);
    }

    private String rule(String s, int start, int end, String raw) {
        if (glued(s, start, end)) {
            return null;
        }
        boolean doubleZero = s.startsWith("00", start);
        if (doubleZero && References.cueBefore(s, start)) {
            return null;
        }
        if (raw.startsWith("+") || raw.startsWith("(+")) {
            return "pii.phone.intl";
        }
        if (References.cueBefore(s, start)) {
            return null;
        }
        if (separated(raw)) {
            return "pii.phone.national";
        }
        return Text.cueBefore(s, start, 32, 4, PHONE_CUES) ? "pii.phone.context" : null;
    }

    /** Part of a longer token: a word char, or a digit run going on through a dot or slash. */
    private static boolean glued(String s, int start, int end) {
        char before = Text.charAt(s, start - 1);
        char after = Text.charAt(s, end);
        if (Character.isLetterOrDigit(before) || before == '_' || Character.isLetterOrDigit(after) || after == '_') {
            return true;
        }
        return ((before == '.' || before == '/' || before == '-') && Text.isDigit(Text.charAt(s, start - 2)))
                || ((after == '.' || after == '/' || after == '-') && Text.isDigit(Text.charAt(s, end + 1)));
    }

    /** Whether the digits are split into groups by spaces, dots, hyphens or parentheses. */
    private static boolean separated(String raw) {
        int groups = 0;
        boolean inDigits = false;
        for (int k = 0; k < raw.length(); k++) {
            boolean digit = Text.isDigit(raw.charAt(k));
            if (digit && !inDigits) {
                groups++;
            }
            inDigits = digit;
        }
        return groups >= 2;
    }

    private static boolean hasDigits(String s, int min) {
        int count = 0;
        for (int k = 0; k < s.length(); k++) {
            if (Text.isDigit(s.charAt(k)) && ++count >= min) {
                return true;
            }
        }
        return false;
    }
}
