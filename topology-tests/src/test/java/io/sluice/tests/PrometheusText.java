package io.sluice.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for asserting on what
 * a scraper really gets: every line must be a {@code # HELP}, a {@code # TYPE} or a sample; every
 * sample must belong to a family whose type was declared before it, with a name that type allows
 * ({@code _bucket}, {@code _count}, {@code _sum} for histograms); label values are unescaped; no
 * series appears twice; and each histogram's buckets are cumulative and end at {@code +Inf} with
 * its count. Anything else is an {@link IllegalArgumentException} naming the line.
 */
final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: a series and its value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    /** A parsed scrape: the declared family types and the samples in order. */
    record Scrape(Map<String, String> types, List<Sample> samples) {
        /** Samples whose name is {@code name} and whose labels include every pair of {@code labels}. */
        List<Sample> find(String name, String... labels) {
            if (labels.length % 2 != 0) {
                throw new IllegalArgumentException("labels come in name, value pairs");
            }
            Predicate<Sample> matches = s -> {
                for (int i = 0; i < labels.length; i += 2) {
                    if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                        return false;
                    }
                }
                return true;
            };
            return samples.stream().filter(s -> s.name().equals(name)).filter(matches).toList();
        }

        /** The sum of the matching samples' values; 0 when none match. */
        double sum(String name, String... labels) {
            return find(name, labels).stream().mapToDouble(Sample::value).sum();
        }

        /** Every sample name and family name. */
        Set<String> names() {
            Set<String> names = new HashSet<>(types.keySet());
            samples.forEach(s -> names.add(s.name()));
            return names;
        }

        Scrape plus(Scrape other) {
            Map<String, String> allTypes = new HashMap<>(types);
            allTypes.putAll(other.types());
            List<Sample> all = new ArrayList<>(samples);
            all.addAll(other.samples());
            return new Scrape(allTypes, all);
        }
    }

    private PrometheusText() {}

    static Scrape parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        Set<String> seriesSeen = new HashSet<>();
        String[] lines = text.split("\n", -1);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + ": " + line;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                comment(line, where, types, helped);
                continue;
            }
            Sample sample = sample(line, where);
            String family = familyOf(sample, types, where);
            if (!seriesSeen.add(sample.name() + new TreeMap<>(sample.labels()))) {
                throw new IllegalArgumentException(where + ": the series appears twice");
            }
            if (!types.containsKey(family)) {
                throw new IllegalArgumentException(where + ": no # TYPE for " + family);
            }
            samples.add(sample);
        }
        checkHistograms(types, samples);
        return new Scrape(Map.copyOf(types), List.copyOf(samples));
    }

    private static void comment(String line, String where, Map<String, String> types, Set<String> helped) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !parts[0].equals("#") || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
            throw new IllegalArgumentException(where + ": only # HELP and # TYPE comments are expected");
        }
        String name = parts[2];
        requireMatch(METRIC_NAME, name, where);
        if (parts[1].equals("HELP")) {
            if (!helped.add(name)) {
                throw new IllegalArgumentException(where + ": a second HELP for " + name);
            }
            return;
        }
        if (parts.length != 4 || !TYPES.contains(parts[3])) {
            throw new IllegalArgumentException(where + ": unknown type");
        }
        if (types.putIfAbsent(name, parts[3]) != null) {
            throw new IllegalArgumentException(where + ": a second TYPE for " + name);
        }
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        requireMatch(METRIC_NAME, name, where);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels, where);
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException(where + ": a space must separate the series from its value");
        }
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException(where + ": expected a value and an optional timestamp");
        }
        double value = value(rest[0], where);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": bad timestamp", e);
            }
        }
        return new Sample(name, Map.copyOf(labels), value);
    }

    /** Reads {@code name="value",...}} from {@code start}; returns the index after the closing brace. */
    private static int labels(String line, int start, Map<String, String> labels, String where) {
        int i = start;
        while (true) {
            if (i >= line.length()) {
                throw new IllegalArgumentException(where + ": unterminated label set");
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": a label without a value");
            }
            String label = line.substring(i, eq);
            requireMatch(LABEL_NAME, label, where);
            if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException(where + ": a label value must be quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; ; j++) {
                if (j >= line.length()) {
                    throw new IllegalArgumentException(where + ": unterminated label value");
                }
                char c = line.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char next = j + 1 < line.length() ? line.charAt(++j) : 0;
                    switch (next) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException(where + ": bad escape in a label value");
                    }
                } else {
                    value.append(c);
                }
            }
            if (labels.put(label, value.toString()) != null) {
                throw new IllegalArgumentException(where + ": label " + label + " twice");
            }
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            } else if (i >= line.length() || line.charAt(i) != '}') {
                throw new IllegalArgumentException(where + ": labels must be separated by commas");
            }
        }
    }

    private static double value(String text, String where) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new IllegalArgumentException(where + ": not a number: " + text);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    /** The family a sample belongs to, by the suffixes its declared type allows. */
    private static String familyOf(Sample sample, Map<String, String> types, String where) {
        String name = sample.name();
        if (types.containsKey(name) && !"histogram".equals(types.get(name))) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total")) {
            if (name.endsWith(suffix)) {
                String family = name.substring(0, name.length() - suffix.length());
                String type = types.get(family);
                boolean allowed = switch (suffix) {
                    case "_bucket" -> "histogram".equals(type);
                    case "_total" -> "counter".equals(type);
                    default -> "histogram".equals(type) || "summary".equals(type);
                };
                if (allowed) {
                    if (suffix.equals("_bucket") && !sample.labels().containsKey("le")) {
                        throw new IllegalArgumentException(where + ": a bucket without le");
                    }
                    return family;
                }
            }
        }
        throw new IllegalArgumentException(where + ": belongs to no declared family");
    }

    /** Each histogram series: cumulative buckets, the last at +Inf, equal to its count. */
    private static void checkHistograms(Map<String, String> types, List<Sample> samples) {
        for (var family : types.entrySet()) {
            if (!family.getValue().equals("histogram")) {
                continue;
            }
            Map<Map<String, String>, TreeMap<Double, Double>> buckets = new HashMap<>();
            for (Sample s : samples) {
                if (s.name().equals(family.getKey() + "_bucket")) {
                    Map<String, String> series = new HashMap<>(s.labels());
                    double le = value(series.remove("le"), family.getKey() + " le");
                    buckets.computeIfAbsent(series, k -> new TreeMap<>()).put(le, s.value());
                }
            }
            for (var series : buckets.entrySet()) {
                double previous = 0;
                for (double count : series.getValue().values()) {
                    if (count < previous) {
                        throw new IllegalArgumentException(family.getKey() + series.getKey() + ": buckets not cumulative");
                    }
                    previous = count;
                }
                if (series.getValue().lastKey() != Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException(family.getKey() + series.getKey() + ": no +Inf bucket");
                }
                double total = samples.stream()
                        .filter(s -> s.name().equals(family.getKey() + "_count") && s.labels().equals(series.getKey()))
                        .mapToDouble(Sample::value).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(family.getKey() + series.getKey() + ": no _count"));
                if (total != previous) {
                    throw new IllegalArgumentException(family.getKey() + series.getKey() + ": +Inf bucket " + previous
                            + " but count " + total);
                }
            }
        }
    }

    private static void requireMatch(Pattern pattern, String text, String where) {
        if (!pattern.matcher(text).matches()) {
            throw new IllegalArgumentException(where + ": not a valid name: " + text);
        }
    }
}
