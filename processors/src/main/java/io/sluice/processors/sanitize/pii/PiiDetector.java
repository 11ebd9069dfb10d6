package io.sluice.processors.sanitize.pii;

import io.sluice.processors.sanitize.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds personal data and secrets in a text (detector {@code pii}). Types: {@code EMAIL},
 * {@code PHONE}, {@code CREDIT_CARD}, {@code IBAN}, {@code US_SSN}, {@code IP_ADDRESS},
 * {@code SECRET}, {@code PERSON}. Structured values must pass their own checks (Luhn and issuer
 * ranges, mod 97 and the country's length, SSN issuing rules, libphonenumber's validity), so
 * numbers that fail them, order numbers, dates and version strings are not reported.
 *
 * <p>Findings never overlap and are sorted by start. Where two candidates overlap the stronger
 * evidence wins: a PEM key, then a vendor key, a JWT, an IBAN, a card, an e-mail, an IP address,
 * an SSN, a phone number, a high-entropy token, a name; then the longer span.
 *
 * <p>Thread-safe and immutable: build one and share it. Every scanner is a single pass with
 * bounded look-around or a precompiled pattern with bounded repetitions, so the work is linear in
 * the text; nothing is logged or kept.
 */
public final class PiiDetector {
    public static final String DETECTOR = "pii";
    public static final String EMAIL = EmailScanner.TYPE;
    public static final String PHONE = PhoneScanner.TYPE;
    public static final String CREDIT_CARD = CardScanner.TYPE;
    public static final String IBAN = IbanScanner.TYPE;
    public static final String US_SSN = SsnScanner.TYPE;
    public static final String IP_ADDRESS = IpScanner.TYPE;
    public static final String SECRET = SecretScanner.TYPE;
    public static final String PERSON = PersonScanner.TYPE;
    /** Every type this detector reports. */
    public static final Set<String> TYPES = Set.of(EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN, IP_ADDRESS, SECRET, PERSON);

    private static final Comparator<Candidate> STRONGEST_FIRST = Comparator.comparingInt(Candidate::rank)
            .thenComparing(Comparator.comparingInt(Candidate::length).reversed())
            .thenComparingInt(Candidate::start);

    private final EmailScanner email = new EmailScanner();
    private final PhoneScanner phone;
    private final CardScanner card = new CardScanner();
    private final IbanScanner iban = new IbanScanner();
    private final SsnScanner ssn = new SsnScanner();
    private final IpScanner ip = new IpScanner();
    private final SecretScanner secret = new SecretScanner();
    private final PersonScanner person = new PersonScanner();

    private PiiDetector(String defaultRegion) {
        this.phone = new PhoneScanner(defaultRegion);
    }

    /** The detector with phone numbers without a country code read as US numbers. */
    public static PiiDetector standard() {
        return standard("US");
    }

    /**
     * The detector reading phone numbers without a country code as numbers of {@code defaultRegion}
     * (an ISO 3166 alpha-2 code such as {@code GB}).
     */
    public static PiiDetector standard(String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        String region = defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion + "' (use an ISO 3166 code such as US or GB)");
        }
        return new PiiDetector(region);
    }

    /** Everything found, of every type. */
    public List<Finding> find(String text) {
        return find(text, TYPES);
    }

    /** What is found of the given types only (other types are not even scanned). */
    public List<Finding> find(String text, Set<String> types) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(types, "types");
        List<Candidate> candidates = new ArrayList<>();
        // secrets first: they are scanned for the other types' sake too (a key is not a phone number)
        secret.scan(text, candidates);
        if (types.contains(IBAN)) {
            iban.scan(text, candidates);
        }
        card.scan(text, candidates);
        if (types.contains(EMAIL)) {
            email.scan(text, candidates);
        }
        ip.scan(text, candidates);
        if (types.contains(US_SSN)) {
            ssn.scan(text, candidates);
        }
        if (types.contains(PHONE)) {
            phone.scan(text, candidates);
        }
        if (types.contains(PERSON)) {
            person.scan(text, candidates);
        }
        return resolve(candidates, types);
    }

    /**
     * Keeps the strongest of overlapping candidates, then the requested types only. Stronger
     * candidates of unrequested types still shadow weaker ones (a card is never a phone number).
     */
    static List<Finding> resolve(List<Candidate> candidates, Set<String> types) {
        candidates.sort(STRONGEST_FIRST);
        TreeMap<Integer, Candidate> kept = new TreeMap<>();
        for (Candidate c : candidates) {
            if (c.length() == 0) {
                continue;
            }
            var before = kept.floorEntry(c.end() - 1);
            if (before != null && before.getValue().end() > c.start()) {
                continue;
            }
            kept.put(c.start(), c);
        }
        List<Finding> findings = new ArrayList<>(kept.size());
        for (Candidate c : kept.values()) {
            if (types.contains(c.type())) {
                findings.add(new Finding(DETECTOR, c.type(), c.ruleId(), c.start(), c.end()));
            }
        }
        return findings;
    }
}
