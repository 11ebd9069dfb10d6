package io.sluice.processors.sanitize.pii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys and secrets: vendor keys by their documented prefixes and shapes, JSON Web Tokens
 * (whose header decodes to JSON naming an {@code alg}), PEM private keys ({@link PemBlock}),
 * passwords in URLs, values assigned to a secret-sounding name, and other high-entropy tokens
 * ({@link Entropy}). Every pattern has bounded repetitions and at most one ambiguous choice, so a
 * scan is linear in the text.
 */
final class SecretScanner {
    static final String TYPE = "SECRET";

    /** A vendor key: tried only where the text has one of its literal prefixes at a word start. */
    private record Rule(String id, List<String> prefixes, Pattern pattern) {
    }

    private static final String L = "(?<![A-Za-z0-9_-])";
    private static final String R = "(?![A-Za-z0-9_-])";

    private static final List<Rule> VENDOR = List.of(
            rule("aws_access_key", "AKIA ASIA ABIA ACCA", "(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
            rule("github_token", "ghp_ gho_ ghu_ ghs_ ghr_", L + "gh[pousr]_[A-Za-z0-9]{36,251}" + R),
            rule("github_token", "github_pat_", L + "github_pat_[A-Za-z0-9_]{22,242}" + R),
            rule("gitlab_token", "glpat-", L + "glpat-[A-Za-z0-9_-]{20,50}" + R),
            rule("slack_token", "xox", L + "xox[abposr]-[A-Za-z0-9-]{10,250}" + R),
            rule("slack_webhook", "https://hooks.slack.com/", "https://hooks\\.slack\\.com/services/[A-Za-z0-9_/]{20,120}"),
            rule("stripe_key", "sk_ rk_", L + "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}" + R),
            rule("anthropic_key", "sk-ant-", L + "sk-ant-[a-z0-9]{2,10}-[A-Za-z0-9_-]{20,200}" + R),
            rule("openai_key", "sk-", L + "sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}" + R),
            rule("google_api_key", "AIza", L + "AIza[0-9A-Za-z_-]{35}" + R),
            rule("google_oauth_secret", "GOCSPX-", L + "GOCSPX-[A-Za-z0-9_-]{28}" + R),
            rule("sendgrid_key", "SG.", L + "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}" + R),
            rule("npm_token", "npm_", L + "npm_[A-Za-z0-9]{36}" + R),
            rule("huggingface_token", "hf_", L + "hf_[A-Za-z0-9]{30,40}" + R),
            rule("twilio_key", "SK", L + "SK[0-9a-f]{32}" + R),
            rule("shopify_token", "shp", L + "shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}" + R),
            rule("digitalocean_token", "doo_v1_ dop_v1_ dor_v1_", L + "do[opr]_v1_[a-f0-9]{64}" + R),
            rule("databricks_token", "dapi", L + "dapi[a-f0-9]{32}" + R),
            rule("telegram_bot_token", "0 1 2 3 4 5 6 7 8 9", "(?<![0-9])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}" + R));
    private static final boolean[] FIRST_CHARS = new boolean[128];

    static {
        for (Rule r : VENDOR) {
            for (String p : r.prefixes()) {
                FIRST_CHARS[p.charAt(0)] = true;
            }
        }
    }

    private static final Pattern JWT = Pattern.compile(
            L + "eyJ[A-Za-z0-9_-]{8,2048}\\.eyJ[A-Za-z0-9_-]{4,8192}\\.[A-Za-z0-9_-]{0,2048}" + R);
    /** {@code scheme://user:password@host}: the password only. */
    private static final Pattern URL_PASSWORD = Pattern.compile(
            "(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\\s:/@]{1,64}:([^\\s:/@]{3,128})@");
    /** {@code curl -u user:password}: the password only. */
    private static final Pattern USER_OPTION = Pattern.compile(
            "(?<![^\\s])(?:-u|--user)[ =]['\"]?[^\\s:'\"]{1,64}:([^\\s'\"]{3,128})");
    /** {@code password = "..."}, {@code api_key: ...}, {@code Authorization: Bearer ...}: the value. */
    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(?:[a-z]{1,20}[_-])?(?:password|passwd|pwd|pass|passphrase|secret|api[_-]?key|"
                    + "access[_-]?key|private[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|token|"
                    + "client[_-]?secret|bearer|accountkey|sharedaccesskey)"
                    + "(?:\"|')?(?:[ \\t]{0,3}[:=][ \\t]{0,3}|[ \\t]{1,3}(?:is[ \\t]{1,3})?)(?:\"|')?(?:bearer[ \\t]{1,3})?"
                    + "([^\\s\"'`,;<>()\\[\\]{}]{6,256})");

    private static Rule rule(String id, String prefixes, String regex) {
        return new Rule("pii.secret." + id, List.of(prefixes.split(" ")), Pattern.compile(regex));
    }

    void scan(String s, List<Candidate> out) {
        pem(s, out);
        vendorKeys(s, out);
        Matcher jwt = JWT.matcher(s);
        while (jwt.find()) {
            if (jwtHeader(s, jwt.start())) {
                out.add(new Candidate(TYPE, "pii.secret.jwt", jwt.start(), jwt.end(), Candidate.JWT));
            }
        }
        Matcher url = URL_PASSWORD.matcher(s);
        while (url.find()) {
            out.add(new Candidate(TYPE, "pii.secret.url_password", url.start(1), url.end(1), Candidate.VENDOR_KEY));
        }
        Matcher user = USER_OPTION.matcher(s);
        while (user.find()) {
            out.add(new Candidate(TYPE, "pii.secret.url_password", user.start(1), user.end(1), Candidate.VENDOR_KEY));
        }
        Matcher assigned = ASSIGNED.matcher(s);
        while (assigned.find()) {
            int vs = assigned.start(1);
            int ve = trimValue(s, vs, assigned.end(1));
            if (Entropy.looksLikeSecretValue(s, vs, ve)) {
                out.add(new Candidate(TYPE, "pii.secret.assignment", vs, ve, Candidate.ENTROPY));
            }
        }
        Entropy.scan(s, out);
    }

    /** One pass over word starts; a rule's pattern runs only where one of its prefixes is. */
    private static void vendorKeys(String s, List<Candidate> out) {
        int n = s.length();
        boolean telegram = s.contains(":AA");
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !FIRST_CHARS[c] || (i > 0 && Text.isAsciiAlnum(s.charAt(i - 1)))) {
                continue;
            }
            for (Rule r : VENDOR) {
                if (!startsWithAny(s, i, r.prefixes()) || (!telegram && r.id().endsWith("telegram_bot_token"))) {
                    continue;
                }
                Matcher m = r.pattern().matcher(s).region(i, n).useTransparentBounds(true);
                if (m.lookingAt()) {
                    out.add(new Candidate(TYPE, r.id(), i, m.end(), Candidate.VENDOR_KEY));
                }
            }
        }
    }

    private static boolean startsWithAny(String s, int i, List<String> prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p, i)) {
                return true;
            }
        }
        return false;
    }

    private static void pem(String s, List<Candidate> out) {
        Matcher m = PemBlock.BEGIN.matcher(s);
        int from = 0;
        while (from < s.length() && m.find(from)) {
            int end = PemBlock.bodyEnd(s, m.end(), true);
            out.add(new Candidate(TYPE, PemBlock.RULE, m.start(), end, Candidate.PEM));
            from = Math.max(end, m.end());
        }
    }

    /** A value ends before trailing sentence punctuation. */
    private static int trimValue(String s, int start, int end) {
        while (end > start && ".!?)]}".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    /** Whether the JWT at {@code start} has a base64url header that decodes to JSON with "alg". */
    private static boolean jwtHeader(String s, int start) {
        int dot = s.indexOf('.', start);
        try {
            String header = new String(Base64.getUrlDecoder().decode(stripPadding(s.substring(start, dot))),
                    StandardCharsets.UTF_8);
            return header.startsWith("{") && header.contains("\"alg\"");
        } catch (IllegalArgumentException e) {
            return false; // not base64url: not a token
        }
    }

    private static String stripPadding(String b64) {
        int len = b64.length();
        return len % 4 == 1 ? b64.substring(0, len - 1) : b64;
    }
}
