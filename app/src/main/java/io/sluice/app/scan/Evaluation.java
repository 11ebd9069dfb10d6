package io.sluice.app.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.processors.sanitize.Finding;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The figures of a labelled scan: TPR/FPR (per style too) for injection, precision/recall per type for PII. */
final class Evaluation {
    private int lines;
    private int flagged;
    private int attacks;
    private int caught;
    private int benign;
    private int falseAlarms;
    private final Map<String, int[]> byStyle = new TreeMap<>();
    private final Map<String, int[]> byType = new TreeMap<>(); // true positives, false positives, false negatives
    private boolean labelled;

    void injection(JsonNode input, boolean isFlagged) {
        lines++;
        if (isFlagged) {
            flagged++;
        }
        JsonNode label = input.get("label");
        if (label == null) {
            return;
        }
        labelled = true;
        boolean attack = label.isBoolean() ? label.asBoolean() : label.asText().toLowerCase(Locale.ROOT).equals("attack");
        if (attack) {
            attacks++;
            if (isFlagged) {
                caught++;
            }
            String style = input.path("style").asText("unknown");
            int[] counts = byStyle.computeIfAbsent(style, s -> new int[2]);
            counts[0]++;
            if (isFlagged) {
                counts[1]++;
            }
        } else {
            benign++;
            if (isFlagged) {
                falseAlarms++;
            }
        }
    }

    void pii(JsonNode input, List<Finding> findings) {
        lines++;
        if (!findings.isEmpty()) {
            flagged++;
        }
        JsonNode entities = input.get("entities");
        if (entities == null || !entities.isArray()) {
            return;
        }
        labelled = true;
        Set<String> expected = new HashSet<>();
        entities.forEach(e -> expected.add(e.path("type").asText() + "@" + e.path("start").asInt() + "-" + e.path("end").asInt()));
        Set<String> found = new HashSet<>();
        findings.forEach(f -> found.add(f.type() + "@" + f.start() + "-" + f.end()));
        for (String f : found) {
            int[] c = byType.computeIfAbsent(f.substring(0, f.indexOf('@')), t -> new int[3]);
            c[expected.contains(f) ? 0 : 1]++;
        }
        for (String e : expected) {
            if (!found.contains(e)) {
                byType.computeIfAbsent(e.substring(0, e.indexOf('@')), t -> new int[3])[2]++;
            }
        }
    }

    void print(PrintWriter out, String detector) {
        out.printf(Locale.ROOT, "summary: %d lines, %d with findings%n", lines, flagged);
        if (!labelled) {
            return;
        }
        if (detector.equals("injection")) {
            out.printf(Locale.ROOT, "attacks %d, caught %d: TPR %.3f; benign %d, false alarms %d: FPR %.3f%n", attacks,
                    caught, ratio(caught, attacks), benign, falseAlarms, ratio(falseAlarms, benign));
            byStyle.forEach((style, c) -> out.printf(Locale.ROOT, "  %-20s %4d attacks  TPR %.3f%n", style, c[0],
                    ratio(c[1], c[0])));
            return;
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (var entry : byType.entrySet()) {
            int[] c = entry.getValue();
            tp += c[0];
            fp += c[1];
            fn += c[2];
            out.printf(Locale.ROOT, "  %-12s tp %4d fp %3d fn %3d  precision %.3f recall %.3f%n", entry.getKey(), c[0], c[1],
                    c[2], ratio(c[0], c[0] + c[1]), ratio(c[0], c[0] + c[2]));
        }
        out.printf(Locale.ROOT, "overall: precision %.3f recall %.3f%n", ratio(tp, tp + fp), ratio(tp, tp + fn));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : a / (double) b;
    }
}
