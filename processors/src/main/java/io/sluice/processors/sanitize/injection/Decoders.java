package io.sluice.processors.sanitize.injection;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds encoded segments in a clean view and decodes them: base64 (standard or URL-safe, possibly
 * wrapped over lines) and hex (plain, spaced, {@code 0x..}, {@code \x..}, {@code %..}). A segment
 * is kept only if it decodes to readable UTF-8 text, so keys, hashes and images stay out.
 * rot13 and reversed text have no syntax to find; the detector matches rules on whole rotated and
 * reversed views instead ({@link #rot13}, {@link #reversed}).
 */
final class Decoders {
    private Decoders() {}

    /** A decoded segment and the clean-view span it came from. */
    record Segment(String text, int start, int end, String kind) {}

    static final int MIN_BASE64 = 16;
    static final int MIN_HEX_BYTES = 8;
    /** Longer encoded runs are decoded from their start up to this many chars. */
    static final int MAX_SEGMENT_CHARS = 8192;

    static List<Segment> find(TextView clean, int maxSegments) {
        List<Segment> out = new ArrayList<>();
        base64(clean.text, out, maxSegments);
        hex(clean.text, out, maxSegments);
        return out;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '-' || c == '_';
    }

    private static void base64(String s, List<Segment> out, int max) {
        int n = s.length();
        int i = 0;
        StringBuilder run = new StringBuilder();
        while (i < n && out.size() < max) {
            if (!isBase64(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            run.setLength(0);
            int lineLength = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (isBase64(c)) {
                    if (run.length() < MAX_SEGMENT_CHARS) {
                        run.append(c);
                    }
                    lineLength++;
                    i++;
                } else if ((c == '\n' || c == '\r') && lineLength >= 40 && i + 1 < n
                        && (isBase64(s.charAt(i + 1)) || s.charAt(i + 1) == '\n')) {
                    lineLength = 0;
                    i++; // a wrapped line of a long block continues on the next one
                } else {
                    break;
                }
            }
            int end = i;
            while (i < n && s.charAt(i) == '=') {
                i++;
            }
            if (run.length() >= MIN_BASE64) {
                String text = decodeBase64(run);
                if (text != null) {
                    out.add(new Segment(text, start, Math.max(end, i), "base64"));
                }
            }
        }
    }

    private static String decodeBase64(CharSequence run) {
        String body = run.toString().replace('-', '+').replace('_', '/');
        int usable = body.length() - body.length() % 4;
        if (body.length() % 4 == 1) {
            body = body.substring(0, usable);
        } else if (body.length() % 4 != 0) {
            body = body + "==".substring(0, 4 - body.length() % 4);
        }
        try {
            return readable(ByteBuffer.wrap(Base64.getDecoder().decode(body)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The length of a byte prefix at {@code i} ({@code 0x}, {@code \x}, {@code %}) or 0. */
    private static int prefix(String s, int i) {
        if (s.startsWith("0x", i) || s.startsWith("0X", i) || s.startsWith("\\x", i)) {
            return 2;
        }
        return s.startsWith("%", i) ? 1 : 0;
    }

    /** Whether a whole byte ({@code 4f}, {@code 0x4f}, {@code \\x4f}, {@code %4f}) starts at {@code i}. */
    private static boolean pairAt(String s, int i) {
        int q = i < s.length() ? prefix(s, i) : 0;
        return i + q + 1 < s.length() && hexValue(s.charAt(i + q)) >= 0 && hexValue(s.charAt(i + q + 1)) >= 0;
    }

    private static void hex(String s, List<Segment> out, int max) {
        int n = s.length();
        int i = 0;
        ByteBuffer bytes = ByteBuffer.allocate(MAX_SEGMENT_CHARS / 2);
        while (i < n && out.size() < max) {
            int p = prefix(s, i);
            if (i + p + 1 >= n || hexValue(s.charAt(i + p)) < 0 || hexValue(s.charAt(i + p + 1)) < 0
                    || (i > 0 && p == 0 && Character.isLetterOrDigit(s.charAt(i - 1)))) {
                i++;
                continue;
            }
            int start = i;
            bytes.clear();
            int j = i;
            while (true) {
                int q = prefix(s, j);
                if (j + q + 1 >= n) {
                    break;
                }
                int hi = hexValue(s.charAt(j + q));
                int lo = hexValue(s.charAt(j + q + 1));
                if (hi < 0 || lo < 0) {
                    break;
                }
                if (bytes.hasRemaining()) {
                    bytes.put((byte) (hi * 16 + lo));
                }
                j += q + 2;
                if (j < n && " ,:-".indexOf(s.charAt(j)) >= 0 && pairAt(s, j + 1)) {
                    j++; // a separator between two bytes, not the end of the run
                }
            }
            if (j - start > 0 && (j >= n || !Character.isLetterOrDigit(s.charAt(j)) || prefix(s, j) > 0)
                    && bytes.position() >= MIN_HEX_BYTES) {
                String text = readable(bytes.flip());
                if (text != null) {
                    out.add(new Segment(text, start, j, "hex"));
                }
            }
            i = Math.max(j, i + 1);
        }
    }

    /** The bytes as text if they are valid UTF-8 and mostly readable, else null. */
    static String readable(ByteBuffer bytes) {
        String text = Normaliser.utf8(bytes);
        if (text == null || text.isBlank()) {
            return null;
        }
        int letters = 0;
        int readable = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                readable++;
            } else if (Character.isDigit(c) || Character.isWhitespace(c) || (c >= 0x21 && c < 0x7F)
                    || Character.getType(c) == Character.OTHER_PUNCTUATION) {
                readable++;
            }
        }
        return letters >= 4 && readable >= 0.85 * text.length() ? text : null;
    }

    /** The view with Latin letters rotated by 13, same offsets. */
    static TextView rot13(TextView clean) {
        TextView.Builder b = new TextView.Builder(clean.length());
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) ('a' + (c - 'a' + 13) % 26);
            } else if (c >= 'A' && c <= 'Z') {
                c = (char) ('A' + (c - 'A' + 13) % 26);
            }
            b.append(c, clean.start(i), clean.end(i), clean.flags(i));
        }
        return b.build();
    }

    /** The view read backwards, offsets kept per char. */
    static TextView reversed(TextView clean) {
        TextView.Builder b = new TextView.Builder(clean.length());
        for (int i = clean.length() - 1; i >= 0; i--) {
            b.append(clean.charAt(i), clean.start(i), clean.end(i), clean.flags(i));
        }
        return b.build();
    }
}
