package io.sluice.processors.sanitize.injection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection figures on the labelled data in {@code src/test/resources/sanitize/injection}, at
 * {@link InjectionDetector#DEFAULT_THRESHOLD}: true-positive rate on {@code attacks.jsonl}, false-positive
 * rate on {@code benign.jsonl}, overall, per style, per language and per kind of benign text, for
 * the whole set and for the holdout ({@code "split":"holdout"}, written after the rules were frozen
 * and never used to tune them). The figures are logged and written to
 * {@code target/injection-figures.txt}.
 *
 * <p>Targets: TPR >= 0.90 and FPR <= 0.05. The whole set meets both. The holdout meets the FPR
 * target but not the TPR one: it measured {@value #HOLDOUT_TPR_MEASURED} when it was first scored
 * with the frozen rules, so its TPR is asserted against {@link #HOLDOUT_TPR_FLOOR}, the measured
 * level, as a regression guard (see the README next to the data for the rounds and why).
 *
 * <p>The standard detector stacks the rules and the learned model into one score; the model is trained on every
 * row here, round 6 (the last holdout) and round 7 (training rows written by someone who had seen the detector)
 * included, and the stacking's offset, weight and threshold were chosen on this data's out-of-fold scores: both
 * sets of figures are on training data (whole set TPR 1.000, FPR 0.000; round 6 TPR 1.000, FPR 0.000) and say
 * nothing about new phrasings. The round-6 floor {@link #HOLDOUT_TPR_FLOOR} is a regression guard only. The
 * cross-validated estimate (each round held out in turn, nested for the stacking) is what
 * {@code InjectionModelTrainer} prints and the README records; the next blind round is the holdout to score.
 */
class InjectionDatasetTest {
    private static final Logger LOG = LoggerFactory.getLogger(InjectionDatasetTest.class);

    static final double TARGET_TPR = 0.90;
    static final double TARGET_FPR = 0.05;
    static final double HOLDOUT_TPR_MEASURED = 0.829;
    /** Round 6 is training data now: its in-sample TPR (1.000) less a margin of one row in a hundred. */
    static final double HOLDOUT_TPR_FLOOR = 0.99;

    /** The blind round: never trained or tuned on (see {@link #theBlindRoundEightMeetsBothTargets}). */
    static final List<String> BLIND_FILES = List.of("attacks-round8-blind.jsonl", "benign-round8-blind.jsonl");
    private static final Set<String> STYLES = Signal.STYLES;
    private static final Set<String> LANGS = Set.of("en", "de", "fr", "es", "zh");
    private static final Set<String> KINDS = Set.of("ordinary", "hard_negative");

    record Row(String text, boolean attack, String style, String lang, String kind, boolean holdout,
               boolean flagged) {}

    private static List<Row> rows;

    @BeforeAll
    static void scanEveryRow() throws IOException {
        InjectionDetector detector = InjectionDetector.standard();
        rows = new ArrayList<>();
        for (String file : InjectionModelTrainer.FILES) {
            for (JsonNode n : read(file)) {
                String text = n.get("text").asText();
                rows.add(new Row(text, "attack".equals(n.get("label").asText()), n.path("style").asText(null),
                        n.path("lang").asText(null), n.path("kind").asText(null),
                        "holdout".equals(n.path("split").asText()),
                        detector.scan(text).flagged(InjectionDetector.DEFAULT_THRESHOLD)));
            }
        }
        String report = report("all", rows) + report("holdout", rows.stream().filter(Row::holdout).toList());
        LOG.info("prompt-injection detection figures\n{}", report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "injection-figures.txt"), report);
    }

    private static List<JsonNode> read(String file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = InjectionDatasetTest.class.getResourceAsStream("/sanitize/injection/" + file)) {
            assertThat(in).as(file).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(json.readTree(line));
                }
            }
        }
        return out;
    }

    @Test
    void theDataHasTheAgreedShape() {
        List<Row> attacks = rows.stream().filter(Row::attack).toList();
        List<Row> benign = rows.stream().filter(r -> !r.attack()).toList();
        assertThat(attacks).hasSizeGreaterThanOrEqualTo(240);
        assertThat(benign).hasSizeGreaterThanOrEqualTo(240);
        assertThat(attacks).allSatisfy(r -> {
            assertThat(STYLES).as("style of %s", r.text()).contains(r.style());
            assertThat(LANGS).as("lang of %s", r.text()).contains(r.lang());
        });
        assertThat(benign).allSatisfy(r -> assertThat(KINDS).as("kind of %s", r.text()).contains(r.kind()));
        assertThat(attacks.stream().map(Row::style).distinct()).containsExactlyInAnyOrderElementsOf(STYLES);
        assertThat(attacks.stream().map(Row::lang).distinct()).containsExactlyInAnyOrderElementsOf(LANGS);
        assertThat(benign.stream().filter(r -> "hard_negative".equals(r.kind())).count())
                .as("hard negatives").isGreaterThan(benign.size() / 2);
        for (List<Row> file : List.of(attacks, benign)) {
            double holdout = file.stream().filter(Row::holdout).count() / (double) file.size();
            assertThat(holdout).as("holdout share").isBetween(0.15, 0.35);
        }
        List<Row> heldOutAttacks = attacks.stream().filter(Row::holdout).toList();
        assertThat(heldOutAttacks.stream().map(Row::style).distinct()).containsExactlyInAnyOrderElementsOf(STYLES);
        assertThat(heldOutAttacks.stream().map(Row::lang).distinct()).containsExactlyInAnyOrderElementsOf(LANGS);
        assertThat(rows.stream().map(Row::text).distinct().count()).as("no duplicate texts").isEqualTo(rows.size());
    }

    @Test
    void theWholeSetMeetsTheTargets() {
        assertThat(tpr(rows)).as("TPR, whole set").isGreaterThanOrEqualTo(TARGET_TPR);
        assertThat(fpr(rows)).as("FPR, whole set").isLessThanOrEqualTo(TARGET_FPR);
    }

    @Test
    void roundSixNowTrainingDataKeepsItsInSampleFiguresAsARegressionGuard() {
        List<Row> holdout = rows.stream().filter(Row::holdout).toList();
        assertThat(fpr(holdout)).as("FPR, round 6 (in sample)").isLessThanOrEqualTo(TARGET_FPR);
        assertThat(tpr(holdout)).as("TPR, round 6 (in sample; %.3f when it was first scored blind)",
                HOLDOUT_TPR_MEASURED).isGreaterThanOrEqualTo(HOLDOUT_TPR_FLOOR);
    }

    /**
     * Round 8, written by someone who never saw the rules, the model or the other rounds, after the
     * stacked detector was frozen, and scored once (TPR 0.925, FPR 0.023). Its files are not in
     * {@link InjectionModelTrainer#FILES}: nothing is trained or tuned on them. Both targets hold.
     */
    @Test
    void theBlindRoundEightMeetsBothTargets() throws IOException {
        InjectionDetector detector = InjectionDetector.standard();
        List<Row> blind = new ArrayList<>();
        for (String file : BLIND_FILES) {
            for (JsonNode n : read(file)) {
                String text = n.get("text").asText();
                blind.add(new Row(text, "attack".equals(n.get("label").asText()), n.path("style").asText(null),
                        n.path("lang").asText(null), n.path("kind").asText(null), true,
                        detector.scan(text).flagged(InjectionDetector.DEFAULT_THRESHOLD)));
            }
        }
        String report = report("blind round 8", blind);
        LOG.info("prompt-injection detection figures, blind round 8\n{}", report);
        Files.writeString(Path.of("target", "injection-figures.txt"), report, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(blind.stream().filter(Row::attack).map(Row::style).distinct()).containsExactlyInAnyOrderElementsOf(STYLES);
        // seven ordinary benign questions were also written, word for word, in earlier rounds; no attack was
        assertThat(blind.stream().filter(r -> rows.stream().anyMatch(t -> t.text().equals(r.text()))))
                .as("rows also in training").allSatisfy(r -> assertThat(r.kind()).isEqualTo("ordinary")).hasSize(7);
        assertThat(tpr(blind)).as("TPR, blind round 8").isGreaterThanOrEqualTo(TARGET_TPR);
        assertThat(fpr(blind)).as("FPR, blind round 8").isLessThanOrEqualTo(TARGET_FPR);
    }

    private static double tpr(List<Row> rows) {
        return rate(rows, Row::attack);
    }

    private static double fpr(List<Row> rows) {
        return rate(rows, r -> !r.attack());
    }

    /** The share of flagged rows among those {@code which} selects. */
    private static double rate(List<Row> rows, Predicate<Row> which) {
        List<Row> selected = rows.stream().filter(which).toList();
        return selected.isEmpty() ? 0 : selected.stream().filter(Row::flagged).count() / (double) selected.size();
    }

    private static String report(String name, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        List<Row> attacks = rows.stream().filter(Row::attack).toList();
        List<Row> benign = rows.stream().filter(r -> !r.attack()).toList();
        out.append(String.format(Locale.ROOT, "[%s] threshold %.2f  TPR %s  FPR %s%n", name,
                InjectionDetector.DEFAULT_THRESHOLD, fraction(attacks), fraction(benign)));
        group(out, "style", attacks, Row::style, "TPR");
        group(out, "lang", attacks, Row::lang, "TPR");
        group(out, "kind", benign, Row::kind, "FPR");
        return out.toString();
    }

    private static void group(StringBuilder out, String label, List<Row> rows, Function<Row, String> key, String rate) {
        Map<String, List<Row>> groups = new TreeMap<>();
        rows.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        groups.forEach((k, v) -> out.append(String.format(Locale.ROOT, "    %-5s %-18s %s %s%n", label, k, rate,
                fraction(v))));
    }

    private static String fraction(List<Row> rows) {
        long flagged = rows.stream().filter(Row::flagged).count();
        return String.format(Locale.ROOT, "%.3f (%d/%d)", rows.isEmpty() ? 0 : flagged / (double) rows.size(),
                flagged, rows.size());
    }
}
