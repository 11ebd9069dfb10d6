package io.sluice.processors.sanitize.pii;

/**
 * A span one scanner proposes. Candidates of all scanners are merged by {@link PiiDetector}: where
 * two overlap, the one with the lower {@code rank} (the stronger evidence) wins.
 */
record Candidate(String type, String ruleId, int start, int end, int rank) {

    /** Ranks, strongest evidence first: a checksum or a vendor prefix beats a format or a context. */
    static final int PEM = 0;
    static final int VENDOR_KEY = 1;
    static final int JWT = 2;
    static final int IBAN = 3;
    static final int CARD = 4;
    static final int EMAIL = 5;
    static final int IP = 6;
    static final int SSN = 7;
    static final int PHONE = 8;
    static final int ENTROPY = 9;
    static final int PERSON = 10;

    int length() {
        return end - start;
    }
}
