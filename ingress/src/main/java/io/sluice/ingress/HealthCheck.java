package io.sluice.ingress;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One named readiness check shown on {@code GET /health}. The ingress evaluates every check on a
 * background thread about once a second and serves the cached result, so {@link #check()} never
 * runs on an event loop; it may block briefly but must return within a second or two.
 */
public interface HealthCheck {

    /** A short, stable name, e.g. {@code kafka} or {@code gateway}; the key in the health JSON. */
    String name();

    /** The current state; a thrown exception counts as down. */
    Result check();

    /** A check named {@code name} whose state is what {@code check} returns. */
    static HealthCheck of(String name, Supplier<Result> check) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a health check needs a name");
        }
        Objects.requireNonNull(check, "check");
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return check.get();
            }

            @Override
            public String toString() {
                return "HealthCheck[" + name + "]";
            }
        };
    }

    /**
     * The outcome of a check.
     *
     * @param up     whether the component is ready
     * @param detail a short human-readable detail (no secrets), may be empty
     */
    record Result(boolean up, String detail) {
        public Result {
            detail = Objects.requireNonNullElse(detail, "");
        }

        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
