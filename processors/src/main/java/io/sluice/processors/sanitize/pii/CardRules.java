package io.sluice.processors.sanitize.pii;

/** Issuer ranges (IIN prefixes with their lengths) and the Luhn check, for {@link CardScanner}. */
final class CardRules {
    private CardRules() {
    }

    /** True when {@code digits} (only digits) is in an issuer's range at a length it issues and passes Luhn. */
    static boolean isCard(String digits) {
        return issuer(digits) != null && luhn(digits);
    }

    /** The Luhn (mod 10) check over all digits, check digit last. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return digits.length() > 0 && sum % 10 == 0;
    }

    /** The brand whose range and lengths hold {@code digits}, or null. */
    static String issuer(String digits) {
        int len = digits.length();
        if (len < 12 || len > 19) {
            return null;
        }
        int p1 = prefix(digits, 1);
        int p2 = prefix(digits, 2);
        int p3 = prefix(digits, 3);
        int p4 = prefix(digits, 4);
        int p6 = prefix(digits, 6);
        if (p1 == 4 && (len == 13 || len == 16 || len == 19)) {
            return "visa";
        }
        if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && len == 16) {
            return "mastercard";
        }
        if ((p2 == 34 || p2 == 37) && len == 15) {
            return "amex";
        }
        if ((p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925))
                && len >= 16 && len <= 19) {
            return "discover";
        }
        if (p4 >= 3528 && p4 <= 3589 && len >= 16 && len <= 19) {
            return "jcb";
        }
        if (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) && len >= 14 && len <= 19) {
            return "diners";
        }
        if (p4 >= 2200 && p4 <= 2204 && len >= 16 && len <= 19) {
            return "mir";
        }
        if (p2 == 62 && len >= 16 && len <= 19) {
            return "unionpay";
        }
        if ((p2 == 50 || (p2 >= 56 && p2 <= 58) || p4 == 6304 || p4 == 6759 || p4 == 6761 || p4 == 6762
                || p4 == 6763) && len >= 12 && len <= 19) {
            return "maestro";
        }
        return null;
    }

    private static int prefix(String digits, int n) {
        return Integer.parseInt(digits.substring(0, n));
    }
}
