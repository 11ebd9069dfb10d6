package io.sluice.processors.tiering;

import io.sluice.processors.tiering.Cues.Cue;

/**
 * The cheap features of one message text, gathered in a single pass over its characters with no
 * regular expressions: an approximate token count, code, multi-step and reasoning cues and math
 * notation. Each kind of cue is summed up as a strength in 0..1. Not thread-safe while scanning;
 * the finished scan is only read.
 */
final class TextScan {
    private static final String MATH_SYMBOLS = "∑∏∫√≤≥≠≈∀∃∈∉⊂⊆∪∩∞∂∇⇒⇔±×÷πθλσμ";

    static final TextScan EMPTY = of("");

    private enum Head { NONE, DIGITS, DIGITS_END, BULLET, FENCE }

    // features
    private int tokens;
    private int fences;
    private double codeHits;
    private int backticks;
    private int numberedItems;
    private int bulletItems;
    private double mathHits;
    private double multiStepCue;
    private double reasoningBest;
    private int reasoningHits;
    private double firstCue;
    private double sequence;

    // scan state
    private final StringBuilder word = new StringBuilder(Cues.MAX_WORD);
    private int wordLength;
    private int wordHash;
    private boolean wordHasInnerUnderscore;
    private final String[] recent = new String[Cues.MAX_PHRASE - 1];
    private boolean lineStart = true;
    private int indent;
    private Head head = Head.NONE;
    private int headRun;
    private char fenceChar;
    private char prev;
    private char prev2;

    private TextScan() {}

    static TextScan of(String text) {
        TextScan scan = new TextScan();
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                scan.next(text.charAt(i));
            }
        }
        scan.endWord();
        return scan;
    }

    private void next(char c) {
        boolean fence = lineHead(c);
        if (isAsianChar(c)) {
            endWord();
            tokens++;
        } else if (Character.isLetterOrDigit(c) || c == '_') {
            appendWord(c);
        } else {
            endWord();
            if (!fence) {
                symbol(c);
            }
        }
        notation(c);
        prev2 = prev;
        prev = c;
    }

    /** Follows the start of a line: indentation, list markers and code fences. True when c belongs to a fence. */
    private boolean lineHead(char c) {
        if (c == '\n') {
            lineStart = true;
            indent = 0;
            head = Head.NONE;
            return false;
        }
        if (lineStart) {
            if (c == ' ' || c == '\r') {
                indent += c == ' ' ? 1 : 0;
                return false;
            }
            if (c == '\t') {
                indent += 4;
                return false;
            }
            lineStart = false;
            if (indent >= 4) {
                codeHits += 0.5;
            }
            headRun = 1;
            if (c >= '0' && c <= '9') {
                head = Head.DIGITS;
            } else if (c == '`' || c == '~') {
                head = Head.FENCE;
                fenceChar = c;
                return true;
            } else if (c == '-' || c == '*' || c == '•') {
                head = Head.BULLET;
            } else {
                head = Head.NONE;
            }
            return false;
        }
        switch (head) {
            case DIGITS -> head = c >= '0' && c <= '9' && headRun++ < 3 ? Head.DIGITS
                    : c == '.' || c == ')' ? Head.DIGITS_END : Head.NONE;
            case DIGITS_END -> {
                numberedItems += c == ' ' || c == '\t' ? 1 : 0;
                head = Head.NONE;
            }
            case BULLET -> {
                bulletItems += c == ' ' ? 1 : 0;
                head = Head.NONE;
            }
            case FENCE -> {
                if (c == fenceChar) {
                    if (++headRun == 3) {
                        fences++;
                    }
                    return true;
                }
                head = Head.NONE;
            }
            case NONE -> { }
        }
        return false;
    }

    private static boolean isAsianChar(char c) {
        return Character.isIdeographic(c)
                || (c >= '\u3040' && c <= '\u30ff') // kana
                || (c >= '\uac00' && c <= '\ud7af'); // hangul syllables
    }

    private void appendWord(char c) {
        if (c == '_' && wordLength > 0) {
            wordHasInnerUnderscore = true;
        }
        wordLength++;
        if (wordLength <= Cues.MAX_WORD) {
            char lower = Character.toLowerCase(c);
            word.append(lower);
            wordHash = 31 * wordHash + lower; // as String.hashCode() of the word
        }
    }

    private void endWord() {
        if (wordLength == 0) {
            return;
        }
        tokens += (wordLength + 4) / 5;
        if (wordHasInnerUnderscore && prev != '_') {
            codeHits += 0.5;
        }
        // Only words that may be part of a cue become strings; phrases compare them with equals.
        String current = wordLength <= Cues.MAX_WORD && Cues.mayBeCueWord(wordHash) ? word.toString() : null;
        if (current != null) {
            for (Cue cue : Cues.endingWith(current)) {
                if (precededBy(cue.words())) {
                    apply(cue);
                }
            }
        }
        for (int i = recent.length - 1; i > 0; i--) {
            recent[i] = recent[i - 1];
        }
        recent[0] = current;
        word.setLength(0);
        wordLength = 0;
        wordHash = 0;
        wordHasInnerUnderscore = false;
    }

    private boolean precededBy(String[] words) {
        for (int k = 1; k < words.length; k++) {
            if (!words[words.length - 1 - k].equals(recent[k - 1])) {
                return false;
            }
        }
        return true;
    }

    private void apply(Cue cue) {
        double strength = cue.strength();
        switch (cue.kind()) {
            case MULTI_STEP -> multiStepCue = Math.max(multiStepCue, strength);
            case REASONING -> {
                reasoningBest = Math.max(reasoningBest, strength);
                reasoningHits++;
            }
            case MATH -> mathHits += strength;
            case CODE -> codeHits += strength;
            case FIRST -> firstCue = Math.max(firstCue, strength);
            case THEN -> sequence = Math.max(sequence, Math.min(firstCue, strength));
        }
    }

    /** Punctuation and symbols: each is about one token; some pairs are typical of code. */
    private void symbol(char c) {
        if (Character.isWhitespace(c)) {
            return;
        }
        tokens++;
        switch (c) {
            case '{', '}', ';' -> codeHits += 0.5;
            case '`' -> backticks++;
            case '>' -> codeHits += prev == '=' || prev == '-' ? 1 : 0;
            case '=' -> codeHits += prev == '=' || prev == '!' || prev == '+' || prev == '-' ? 1 : 0;
            case '&', '|', ':' -> codeHits += prev == c ? 1 : 0;
            case ')' -> codeHits += prev == '(' ? 1 : 0;
            case '/' -> codeHits += prev == '<' ? 1 : 0;
            default -> mathHits += MATH_SYMBOLS.indexOf(c) >= 0 ? 1 : 0;
        }
    }

    /** Math notation spanning characters: powers like {@code x^2} and TeX commands like {@code \frac}. */
    private void notation(char c) {
        if (prev == '^' && Character.isLetterOrDigit(prev2) && (Character.isLetterOrDigit(c) || c == '(' || c == '{')) {
            mathHits++;
        } else if (prev2 == '\\' && Character.isLetter(prev) && Character.isLetter(c)) {
            mathHits++;
        }
    }

    /** About how many tokens the text is: a fifth of each word's letters rounded up, one per symbol. */
    int tokens() {
        return tokens;
    }

    /** 1 for a fenced block or plenty of code syntax, 0.6 for some, else 0. */
    double code() {
        if (fences > 0) {
            return 1;
        }
        double hits = codeHits + backticks / 2;
        return hits >= 8 ? 1 : hits >= 4 ? 0.6 : 0;
    }

    /** The strongest multi-step cue: a phrase, a numbered or bulleted list of tasks, or "first ... then". */
    double multiStep() {
        double list = numberedItems >= 3 ? 1 : numberedItems == 2 ? 0.7 : bulletItems >= 3 ? 0.5 : 0;
        return Math.max(Math.max(multiStepCue, list), 0.7 * sequence);
    }

    /** The strongest reasoning cue, a little more for each further one. */
    double reasoning() {
        return reasoningHits == 0 ? 0 : Math.min(1, reasoningBest + 0.15 * (reasoningHits - 1));
    }

    /** Math notation and vocabulary: 1 from three marks on, less for fewer. */
    double math() {
        return mathHits >= 3 ? 1 : mathHits >= 2 ? 0.6 : mathHits >= 1 ? 0.3 : 0;
    }
}
