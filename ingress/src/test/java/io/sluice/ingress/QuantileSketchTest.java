package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sluice.avro.Sketch;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
    private static final double ALPHA = 0.01;
    private static final double[] QUANTILES = {0, 0.25, 0.5, 0.9, 0.95, 0.99, 1};

    @Test
    void given_values_when_asked_for_quantiles_then_each_is_within_alpha_of_the_exact_one() {
        double[] values = lognormal(new Random(7), 5_000, Math.log(200), 1.0);
        QuantileSketch sketch = QuantileSketch.of(Sketches.of(ALPHA, values));

        assertThat(sketch.count()).isEqualTo(values.length);
        for (double q : QUANTILES) {
            double exact = exact(values, q);
            assertThat(sketch.quantile(q)).as("q=%s", q).isCloseTo(exact, within(exact * ALPHA + 1e-9));
        }
    }

    @Test
    void given_two_halves_when_merged_then_the_sketch_equals_the_sketch_of_all_values() {
        double[] fast = lognormal(new Random(1), 2_000, Math.log(40), 0.3);
        double[] slow = lognormal(new Random(2), 500, Math.log(3_000), 0.5);
        double[] all = DoubleStream.concat(Arrays.stream(fast), Arrays.stream(slow)).toArray();

        QuantileSketch merged = QuantileSketch.of(Sketches.of(ALPHA, fast)).merge(QuantileSketch.of(Sketches.of(ALPHA, slow)));
        QuantileSketch whole = QuantileSketch.of(Sketches.of(ALPHA, all));

        assertThat(merged.count()).isEqualTo(all.length);
        Sketch expected = Sketches.of(ALPHA, all);
        for (int i = 0; i < expected.getCounts().size(); i++) {
            int bucket = expected.getOffset() + i;
            assertThat(merged.bucket(bucket)).as("bucket %d", bucket).isEqualTo(expected.getCounts().get(i));
        }
        for (double q : QUANTILES) {
            assertThat(merged.quantile(q)).isEqualTo(whole.quantile(q));
        }
    }

    @Test
    void given_a_fast_model_and_a_slow_one_when_merged_then_p95_is_the_slow_one_not_the_average_of_p95s() {
        // 900 calls near 100 ms on one model, 100 near 2 s on another: 5 % of all calls take 2 s
        double[] fast = DoubleStream.generate(() -> 100).limit(900).toArray();
        double[] slow = DoubleStream.generate(() -> 2_000).limit(100).toArray();
        QuantileSketch a = QuantileSketch.of(Sketches.of(ALPHA, fast));
        QuantileSketch b = QuantileSketch.of(Sketches.of(ALPHA, slow));

        double averaged = (a.quantile(0.95) + b.quantile(0.95)) / 2;
        double merged = a.merge(b).quantile(0.95);

        assertThat(merged).isCloseTo(2_000, within(2_000 * ALPHA));
        assertThat(averaged).isCloseTo(1_050, within(1_050 * ALPHA));
        assertThat(a.merge(b).quantile(0.5)).isCloseTo(100, within(100 * ALPHA));
    }

    @Test
    void given_many_sketches_when_merged_in_one_buffer_then_the_result_equals_merging_pairwise() {
        Random random = new Random(3);
        List<QuantileSketch> sketches = List.of(
                QuantileSketch.of(Sketches.of(ALPHA, lognormal(random, 300, Math.log(5), 0.2))),
                QuantileSketch.EMPTY,
                QuantileSketch.of(Sketches.of(ALPHA, lognormal(random, 300, Math.log(50_000), 0.2))),
                QuantileSketch.of(Sketches.of(ALPHA, 0, 0, 0.0005)),
                QuantileSketch.of(Sketches.of(ALPHA, lognormal(random, 300, Math.log(500), 0.2))));

        var merger = new QuantileSketch.Merger();
        QuantileSketch pairwise = QuantileSketch.EMPTY;
        for (QuantileSketch sketch : sketches) {
            merger.add(sketch);
            pairwise = pairwise.merge(sketch);
        }
        QuantileSketch merged = merger.result();

        assertThat(merged.count()).isEqualTo(903).isEqualTo(pairwise.count());
        assertThat(merged.zeroCount()).isEqualTo(3);
        for (double q : QUANTILES) {
            assertThat(merged.quantile(q)).isEqualTo(pairwise.quantile(q));
        }
        assertThat(merged.quantile(0)).isZero();
    }

    @Test
    void given_sketches_of_different_accuracy_when_merged_then_quantiles_hold_within_both_accuracies() {
        double[] values = lognormal(new Random(4), 4_000, Math.log(300), 0.8);
        double[] first = Arrays.copyOfRange(values, 0, 2_000);
        double[] second = Arrays.copyOfRange(values, 2_000, 4_000);

        QuantileSketch fineFirst = QuantileSketch.of(Sketches.of(0.005, first))
                .merge(QuantileSketch.of(Sketches.of(0.02, second)));
        QuantileSketch coarseFirst = QuantileSketch.of(Sketches.of(0.02, second))
                .merge(QuantileSketch.of(Sketches.of(0.005, first)));

        assertThat(fineFirst.alpha()).isEqualTo(0.02);
        for (double q : QUANTILES) {
            double exact = exact(values, q);
            assertThat(fineFirst.quantile(q)).as("q=%s", q).isCloseTo(exact, within(exact * 0.025 + 1e-9));
            assertThat(coarseFirst.quantile(q)).isEqualTo(fineFirst.quantile(q));
        }
    }

    @Test
    void given_nothing_measured_then_the_sketch_is_empty_and_has_no_quantile() {
        QuantileSketch empty = QuantileSketch.of(new Sketch(ALPHA, 0L, 0, List.of()));

        assertThat(empty.count()).isZero();
        assertThat(empty.quantile(0.5)).isNaN();
        assertThat(QuantileSketch.of(null).count()).isZero();
        QuantileSketch some = QuantileSketch.of(Sketches.of(ALPHA, 10, 20));
        assertThat(empty.merge(some).quantile(1)).isEqualTo(some.quantile(1));
        assertThat(some.merge(empty).count()).isEqualTo(2);
    }

    @Test
    void given_a_sketch_that_breaks_its_definition_then_it_is_refused() {
        assertThatThrownBy(() -> QuantileSketch.of(new Sketch(ALPHA, 0L, 10, List.of(1L, -1L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> QuantileSketch.of(new Sketch(0.0, 0L, 10, List.of(1L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> QuantileSketch.of(new Sketch(ALPHA, 0L, Integer.MAX_VALUE - 1, List.of(1L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> QuantileSketch.of(new Sketch(ALPHA, -1L, 0, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuantileSketch.of(Sketches.of(ALPHA, 5)).quantile(1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] lognormal(Random random, int n, double mu, double sigma) {
        return DoubleStream.generate(() -> Math.exp(mu + sigma * random.nextGaussian())).limit(n).toArray();
    }

    /** The value of nearest rank ceil(q * n) - 1 in sorted order: what the sketch approximates. */
    private static double exact(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
