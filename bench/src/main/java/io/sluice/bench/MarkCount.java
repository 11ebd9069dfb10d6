package io.sluice.bench;

import java.util.Objects;

/**
 * How many 2xx answers of a phase of completions carried a response header, e.g. {@code x-sluice-cache: hit}.
 *
 * @param mark          the header and value counted
 * @param inWindow      marked 2xx answers to requests sent in the measured window (of {@link LoadResult#ok()})
 * @param inPhase       marked 2xx answers over the whole phase, warm-up included
 * @param okInPhase     2xx answers over the whole phase, warm-up included
 */
public record MarkCount(HttpTarget.Mark mark, long inWindow, long inPhase, long okInPhase) {

    public MarkCount {
        Objects.requireNonNull(mark, "mark");
        if (inWindow < 0 || inPhase < inWindow || okInPhase < inPhase) {
            throw new IllegalArgumentException("counts must satisfy 0 <= inWindow <= inPhase <= okInPhase, were "
                    + inWindow + ", " + inPhase + ", " + okInPhase);
        }
    }
}
