package io.sluice.processors.sanitize.pii;

import java.util.Set;

/**
 * Cue words that make a number a reference of some business record rather than a person's data:
 * "order 415-555-0134", "invoice no. 078-05-1121", "#5551234567". Used by the scanners whose
 * evidence is a digit layout only (phone numbers without a country code, SSNs).
 */
final class References {
    private References() {
    }

    private static final Set<String> CUES = Set.of(
            "order", "orders", "invoice", "inv", "ref", "reference", "tracking", "shipment", "parcel",
            "ticket", "case", "sku", "part", "serial", "sn", "po", "isbn", "issn", "id", "build", "job",
            "transaction", "txn", "receipt", "booking", "confirmation", "pnr", "claim", "policy", "batch",
            "lot", "model", "item", "article", "version", "release", "patent", "docket", "bestellung",
            "bestellnummer", "rechnung", "commande", "facture", "pedido", "factura");

    /** Whether a reference cue or a {@code #} comes right before {@code pos}. */
    static boolean cueBefore(CharSequence s, int pos) {
        char prev = Text.previousNonSpace(s, pos);
        if (prev == '#' || prev == '№') {
            return true;
        }
        return Text.cueBefore(s, pos, 28, 3, CUES);
    }
}
