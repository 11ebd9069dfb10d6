package io.sluice.processors.sanitize.injection;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the disguises off a text in two linear passes, keeping the way back to the original.
 *
 * <ol>
 *   <li>{@link #clean}: NFKC (per code point), invisible chars removed (zero-width, bidi controls,
 *       soft hyphen...), Unicode tag chars and runs of variation selectors removed but decoded, as
 *       they can carry a whole hidden text ("ASCII smuggling"). The clean view keeps case and
 *       punctuation; the decoders and the fake-marker scan read it.
 *   <li>{@link #skeleton}: the matching view. Lower case, accents and combining marks dropped,
 *       look-alike letters folded to Latin, leetspeak read as letters, {@code l} folded into
 *       {@code i} (so {@code 1}, {@code l}, {@code I} and {@code |} all meet), traditional Chinese
 *       folded to simplified, punctuation turned into a space or, at the end of a sentence or line,
 *       into {@code '\n'}, runs of separators collapsed, spaced-out letters joined, and spaces next
 *       to Chinese characters dropped. Rule terms go through the same pass, so they meet the text in
 *       the same form.
 * </ol>
 */
final class Normaliser {
    private Normaliser() {}

    /** A text that was hidden in invisible chars, decoded, with the span it occupied. */
    record Hidden(String text, int start, int end, String kind) {}

    record Cleaned(TextView view, List<Hidden> hidden) {}

    private static final String SAME = "";
    private static final String[] NFKC = new String[0x10000]; // benign races: immutable values

    static Cleaned clean(String s) {
        int n = s.length();
        TextView.Builder b = new TextView.Builder(n);
        List<Hidden> hidden = new ArrayList<>(0);
        boolean invisibleBefore = false;
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (isTag(cp)) {
                int j = i;
                StringBuilder decoded = new StringBuilder();
                while (j < n && isTag(s.codePointAt(j))) {
                    int t = s.codePointAt(j);
                    if (t >= 0xE0020 && t <= 0xE007E) {
                        decoded.append((char) (t - 0xE0000));
                    }
                    j += Character.charCount(t);
                }
                boolean flagEmoji = i >= 2 && s.codePointBefore(i) == 0x1F3F4;
                if (!flagEmoji && decoded.length() >= 4) {
                    hidden.add(new Hidden(decoded.toString(), i, j, "tag_chars"));
                }
                invisibleBefore = true;
                i = j;
                continue;
            }
            if (isVariationSelector(cp)) {
                int j = i;
                ByteBuffer bytes = ByteBuffer.allocate(Math.min(n - i, 1 << 16));
                int count = 0;
                while (j < n && isVariationSelector(s.codePointAt(j))) {
                    int v = s.codePointAt(j);
                    if (bytes.hasRemaining()) {
                        bytes.put((byte) (v <= 0xFE0F ? v - 0xFE00 : v - 0xE0100 + 16));
                    }
                    count++;
                    j += Character.charCount(v);
                }
                if (count >= 4) {
                    String text = utf8(bytes.flip());
                    if (text != null) {
                        hidden.add(new Hidden(text, i, j, "variation_selectors"));
                    }
                }
                invisibleBefore = true;
                i = j;
                continue;
            }
            if (isInvisible(cp)) {
                invisibleBefore = true;
                i += len;
                continue;
            }
            if (cp < 0x80) {
                append(b, (char) cp, i, i + len, 0, invisibleBefore);
            } else {
                String nf = nfkc(cp);
                boolean styled = nf.length() > 0 && nf.charAt(0) < 0x80 && Character.isLetterOrDigit(nf.charAt(0));
                for (int k = 0; k < nf.length(); k++) {
                    append(b, nf.charAt(k), i, i + len, styled ? TextView.STYLED : 0, invisibleBefore && k == 0);
                }
            }
            invisibleBefore = false;
            i += len;
        }
        return new Cleaned(b.build(), hidden);
    }

    private static void append(TextView.Builder b, char c, int start, int end, int flags, boolean invisibleBefore) {
        int f = flags;
        if (invisibleBefore && Character.isLetter(c) && b.length() > 0 && Character.isLetter(b.charAt(b.length() - 1))) {
            f |= TextView.INVISIBLE;
        }
        b.append(c, start, end, f);
    }

    private static String nfkc(int cp) {
        if (cp < 0x10000) {
            String cached = NFKC[cp];
            if (cached == null) {
                String one = String.valueOf((char) cp);
                String nf = java.text.Normalizer.normalize(one, Form.NFKC);
                cached = nf.equals(one) ? SAME : nf;
                NFKC[cp] = cached;
            }
            return cached == SAME ? String.valueOf((char) cp) : cached;
        }
        return java.text.Normalizer.normalize(new String(Character.toChars(cp)), Form.NFKC);
    }

    static boolean isTag(int cp) {
        return cp >= 0xE0000 && cp <= 0xE007F;
    }

    static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /** Chars that render as nothing: zero-width, joiners, bidi controls, soft hyphen, fillers, controls. */
    static boolean isInvisible(int cp) {
        if (cp < 0x20) {
            return cp != '\t' && cp != '\n' && cp != '\r';
        }
        return cp == 0x7F || cp == 0xAD || cp == 0x34F || cp == 0x61C || cp == 0x115F || cp == 0x1160
                || cp == 0x17B4 || cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F)
                || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 || cp == 0xFEFF || cp == 0xFFA0
                || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0x1BCA0 && cp <= 0x1BCA3)
                || (cp >= 0x1D173 && cp <= 0x1D17A);
    }

    static String utf8(ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- skeleton

    private static final char SPACE = ' ';
    private static final char BREAK = '\n';

    /** The matching view of a clean view; offsets still point into the original text. */
    static TextView skeleton(TextView clean) {
        int n = clean.length();
        TextView.Builder pass = new TextView.Builder(n + 8);
        char[] separatorOf = new char[n + 8]; // the clean char a separator came from
        boolean[] letterInWord = wordsWithLetters(clean);
        for (int i = 0; i < n; i++) {
            char c = clean.charAt(i);
            int flags = clean.flags(i);
            int start = clean.start(i);
            int end = clean.end(i);
            if (c < 0x80) {
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                }
                if (c >= 'a' && c <= 'z') {
                    pass.append(c == 'l' ? 'i' : c, start, end, flags);
                    continue;
                }
                if (c == '@' && isEmailAt(clean, i)) {
                    pass.append('@', start, end, flags);
                    continue;
                }
                char leet = Confusables.leet(c);
                if (leet != 0 && letterInWord[i] && (Character.isDigit(c) || insideWord(clean, i))) {
                    pass.append(leet == 'l' ? 'i' : leet, start, end, flags | TextView.LEET);
                    continue;
                }
                if (c >= '0' && c <= '9') {
                    pass.append(c, start, end, flags);
                    continue;
                }
            } else if (Character.isLetter(c)) {
                char h = Confusables.homoglyph(c);
                if (h != 0) {
                    pass.append(h == 'l' ? 'i' : h, start, end, flags | TextView.HOMOGLYPH);
                    continue;
                }
                if (c == 'ß') {
                    pass.append('s', start, end, flags);
                    pass.append('s', start, end, flags);
                    continue;
                }
                if (c == 'æ' || c == 'Æ' || c == 'œ' || c == 'Œ') {
                    pass.append(c == 'æ' || c == 'Æ' ? 'a' : 'o', start, end, flags);
                    pass.append('e', start, end, flags);
                    continue;
                }
                char base = Confusables.latinBase(c);
                if (base != 0) {
                    pass.append(base == 'l' ? 'i' : base, start, end, flags);
                    continue;
                }
                char simplified = Confusables.simplified(c);
                pass.append(simplified != 0 ? simplified : Character.toLowerCase(c), start, end, flags);
                continue;
            } else if (Character.isDigit(c)) {
                pass.append(c, start, end, flags);
                continue;
            } else if (isMark(c)) {
                continue;
            }
            int at = pass.length();
            pass.append(isBreak(c) && !innerDot(clean, i) ? BREAK : SPACE, start, end, flags);
            separatorOf[at] = c;
        }
        return joinAndCollapse(pass.build(), separatorOf);
    }

    /** A dot or question mark inside a URL, a file name or a number ({@code site.example/a?b}, {@code 2.5}) ends no sentence. */
    private static boolean innerDot(TextView clean, int i) {
        return (clean.charAt(i) == '.' || clean.charAt(i) == '?') && i > 0 && i + 1 < clean.length()
                && Character.isLetterOrDigit(clean.charAt(i - 1)) && Character.isLetterOrDigit(clean.charAt(i + 1));
    }

    /** Whether the {@code @} at {@code i} is the one of an e-mail address: {@code name@host.tld}. */
    private static boolean isEmailAt(TextView clean, int i) {
        if (i == 0 || !Character.isLetterOrDigit(clean.charAt(i - 1))) {
            return false;
        }
        int n = clean.length();
        int j = i + 1;
        while (j < n && j - i < 64 && (Character.isLetterOrDigit(clean.charAt(j)) || clean.charAt(j) == '-')) {
            j++;
        }
        return j > i + 1 && j + 1 < n && clean.charAt(j) == '.' && Character.isLetter(clean.charAt(j + 1));
    }

    /** For each clean char: is it inside a run of letters/digits/leet symbols holding an ASCII letter? */
    private static boolean[] wordsWithLetters(TextView clean) {
        int n = clean.length();
        boolean[] result = new boolean[n];
        int i = 0;
        while (i < n) {
            if (!isWordish(clean.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            boolean letter = false;
            while (j < n && isWordish(clean.charAt(j))) {
                char c = clean.charAt(j);
                letter |= Character.isLetter(c);
                j++;
            }
            for (int k = i; k < j; k++) {
                result[k] = letter;
            }
            i = j;
        }
        return result;
    }

    private static boolean isWordish(char c) {
        return Character.isLetterOrDigit(c) || Confusables.isLeetSymbol(c);
    }

    /** A leet symbol counts as a letter only inside a word, or at its start for {@code @} and {@code $}. */
    private static boolean insideWord(TextView clean, int i) {
        char c = clean.charAt(i);
        boolean before = i > 0 && Character.isLetterOrDigit(clean.charAt(i - 1));
        boolean after = i + 1 < clean.length() && Character.isLetterOrDigit(clean.charAt(i + 1));
        return (c == '@' || c == '$') ? after : before && after;
    }

    private static boolean isMark(char c) {
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK
                || t == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isBreak(char c) {
        return c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r' || c == '\u3002'
                || c == '\uFF01' || c == '\uFF1F' || c == '\uFF1B' || c == '\u2026' || c == '\u2029'
                || c == '\u2028';
    }

    private static boolean isSeparator(char c) {
        return c == SPACE || c == BREAK;
    }

    static boolean isWordChar(char c) {
        return c != SPACE && c != BREAK && !Confusables.isHan(c) && Character.isLetterOrDigit(c);
    }

    private static final int MIN_SPACED_LETTERS = 4;

    /** Joins spaced-out letters, collapses separator runs, drops spaces next to Chinese characters. */
    private static TextView joinAndCollapse(TextView v, char[] separatorOf) {
        int n = v.length();
        TextView.Builder out = new TextView.Builder(n);
        int i = 0;
        while (i < n) {
            char c = v.charAt(i);
            if (isSeparator(c)) {
                int j = i;
                boolean hardBreak = false;
                while (j < n && isSeparator(v.charAt(j))) {
                    hardBreak |= v.charAt(j) == BREAK;
                    j++;
                }
                boolean nextToHan = out.length() > 0 && Confusables.isHan(out.charAt(out.length() - 1))
                        || j < n && Confusables.isHan(v.charAt(j));
                if (out.length() > 0 && j < n && (hardBreak || !nextToHan)) {
                    out.append(hardBreak ? BREAK : SPACE, v.start(i), v.end(i), 0);
                }
                i = j;
                continue;
            }
            int k = i;
            while (k < n && !isSeparator(v.charAt(k))) {
                k++;
            }
            if (k - i == 1 && isWordChar(c)) {
                int next = spacedRun(v, separatorOf, i, out);
                if (next > 0) {
                    i = next;
                    continue;
                }
            }
            for (int p = i; p < k; p++) {
                out.append(v.charAt(p), v.start(p), v.end(p), v.flags(p));
            }
            i = k;
        }
        return out.build();
    }

    /**
     * If a run of single letters spaced by one and the same char starts at {@code i}
     * ({@code i g n o r e}, {@code i-g-n-o-r-e}), appends it joined (a different or longer gap
     * between two letters of the run is a word break) and returns the index after it; else 0.
     */
    private static int spacedRun(TextView v, char[] separatorOf, int i, TextView.Builder out) {
        int n = v.length();
        if (i + 2 >= n || !isSeparator(v.charAt(i + 1))) {
            return 0;
        }
        char runSep = separatorOf[i + 1];
        if (runSep == '\n' || runSep == '\r') {
            return 0;
        }
        // first pass: measure the run
        int letters = 1;
        int joins = 0;
        int p = i;
        int last = i;
        while (true) {
            int s = p + 1;
            int t = s;
            while (t < n && isSeparator(v.charAt(t))) {
                t++;
            }
            if (t >= n || !isSingle(v, t) || t - s > 3 || hasNewline(separatorOf, s, t)) {
                break;
            }
            if (t - s == 1 && separatorOf[s] == runSep) {
                joins++;
            }
            letters++;
            last = t;
            p = t;
        }
        if (letters < MIN_SPACED_LETTERS || joins < MIN_SPACED_LETTERS - 1) {
            return 0;
        }
        p = i;
        out.append(v.charAt(p), v.start(p), v.end(p), v.flags(p) | TextView.SPACED);
        while (p < last) {
            int s = p + 1;
            int t = s;
            while (isSeparator(v.charAt(t))) {
                t++;
            }
            if (!(t - s == 1 && separatorOf[s] == runSep)) {
                out.append(SPACE, v.start(s), v.end(s), 0);
            }
            out.append(v.charAt(t), v.start(t), v.end(t), v.flags(t) | TextView.SPACED);
            p = t;
        }
        return last + 1;
    }

    private static boolean isSingle(TextView v, int t) {
        return isWordChar(v.charAt(t)) && (t + 1 >= v.length() || isSeparator(v.charAt(t + 1)));
    }

    private static boolean hasNewline(char[] separatorOf, int from, int to) {
        for (int k = from; k < to; k++) {
            if (separatorOf[k] == '\n' || separatorOf[k] == '\r') {
                return true;
            }
        }
        return false;
    }

    /** The skeleton of a rule term (no offsets needed). */
    static String skeletonOf(String term) {
        if (term.equals("@")) {
            return term; // the at sign of an e-mail address, which the skeleton keeps
        }
        return skeleton(clean(term).view()).text;
    }
}
