package io.sluice.schemas.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
    @Test
    void quantilesAreWithinTheRelativeAccuracyOfTheExactOnes() {
        var random = new Random(7);
        double[] values = new double[20_000];
        var sketch = new QuantileSketch();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextGaussian() * 1.5 + 3);
            sketch.add(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.01, 0.5, 0.9, 0.95, 0.99, 0.999}) {
            double exact = values[(int) Math.floor(q * (values.length - 1))];
            assertThat(sketch.quantile(q)).as("q=" + q).isCloseTo(exact, within(exact * 0.0101));
        }
        assertThat(sketch.count()).isEqualTo(values.length);
    }

    @Test
    void mergedSketchesEqualOneSketchOfEverything() {
        var random = new Random(11);
        var all = new QuantileSketch();
        var first = new QuantileSketch();
        var second = new QuantileSketch();
        for (int i = 0; i < 5_000; i++) {
            double fast = 1 + random.nextDouble() * 5;
            double slow = 500 + random.nextDouble() * 5_000;
            first.add(fast);
            second.add(slow);
            all.add(fast);
            all.add(slow);
        }
        var merged = QuantileSketch.of(first.toAvro());
        merged.merge(second.toAvro());
        assertThat(merged.toAvro()).isEqualTo(all.toAvro());
        assertThat(merged.quantile(0.95)).isEqualTo(all.quantile(0.95));
    }

    @Test
    void zerosAndTheEmptySketch() {
        var sketch = new QuantileSketch();
        assertThat(sketch.quantile(0.5)).isZero();
        sketch.add(0);
        sketch.add(0);
        sketch.add(10);
        assertThat(sketch.quantile(0.5)).isZero();
        assertThat(sketch.quantile(1)).isCloseTo(10, within(0.1));
        assertThat(sketch.toAvro().getZeroCount()).isEqualTo(2);
        assertThat(QuantileSketch.of(sketch.toAvro()).count()).isEqualTo(3);
    }

    @Test
    void refusesToMergeADifferentAccuracy() {
        var coarse = new QuantileSketch(0.05);
        coarse.add(3);
        assertThatThrownBy(() -> new QuantileSketch().merge(coarse.toAvro())).isInstanceOf(IllegalArgumentException.class);
    }
}
