package io.sluice.processors.invoker;

import io.sluice.avro.CircuitState;
import io.sluice.avro.DeploymentHealth;
import io.sluice.avro.Target;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invoker's view of its deployments: a circuit breaker and the calls in flight of each, and the
 * choice of the deployment for the next attempt. Poll thread only, so nothing here is locked.
 *
 * <p>A circuit opens after {@link ResiliencePolicy#failureThreshold()} consecutive failures that
 * say the deployment is unwell (5xx, timeouts, refused connections; not the caller's 4xx, and not
 * a 429, which only rests that model of the deployment for its {@code Retry-After}, since
 * providers limit rates per model). Open, it keeps calls away for
 * {@link ResiliencePolicy#openFor()}, then lets one probe through (half-open): an answer closes it,
 * another failure opens it again. Every opening and closing is published as a
 * {@link DeploymentHealth} to the {@code deployments} topic, and what other instances publish is
 * applied here ({@link #apply}), so that all invokers stop calling a failing deployment together.
 *
 * <p>Among the deployments of one model that admit a call, the choice is weighted and leans away
 * from load: each gets {@code weight / (inFlight + 1)} of the odds, so idle deployments share calls
 * by weight and a slow one, whose calls pile up, gets fewer. Deployments the request has already
 * tried are taken only when no other one admits the call.
 */
final class Circuits {
    private static final Logger log = LoggerFactory.getLogger(Circuits.class);

    private final ResiliencePolicy policy;
    private final String instance;
    private final Clock clock;
    private final RandomGenerator random;
    private final Consumer<DeploymentHealth> publish;
    private final Map<String, Circuit> byDeployment = new HashMap<>();
    /** Deployment and upstream model ({@code deployment/model}) to the end of its rate-limit rest. */
    private final Map<String, Instant> restUntil = new HashMap<>();
    /** When a provider last answered 429, and when the latest rest it asked for ends; for the batch guard. */
    private Instant lastRateLimited;
    private Instant restsUntil;

    /**
     * @param instance the id of this invoker instance, stamped on what it publishes
     * @param publish  sends a state change to the {@code deployments} topic; must not block
     */
    Circuits(ResiliencePolicy policy, String instance, Clock clock, RandomGenerator random,
            Consumer<DeploymentHealth> publish) {
        this.policy = policy;
        this.instance = instance;
        this.clock = clock;
        this.random = random;
        this.publish = publish;
    }

    private static final class Circuit {
        CircuitState state = CircuitState.CLOSED;
        int failures;
        Instant openUntil;
        boolean probing;
        int inFlight;
    }

    /**
     * Picks the deployment of {@code tier} for the next attempt and counts the call as started, or
     * returns null when none admits a call (all open, probing or resting).
     */
    Target choose(List<Target> tier, Set<String> tried) {
        Instant now = clock.instant();
        var open = new ArrayList<Target>();
        for (Target target : tier) {
            if (admits(circuit(target.getDeployment()), now) && !resting(target, now)) {
                open.add(target);
            }
        }
        List<Target> fresh = open.stream().filter(t -> !tried.contains(t.getDeployment())).toList();
        Target chosen = pick(fresh.isEmpty() ? open : fresh);
        if (chosen != null) {
            Circuit circuit = circuit(chosen.getDeployment());
            if (circuit.state == CircuitState.OPEN) {
                circuit.state = CircuitState.HALF_OPEN;
                circuit.probing = true;
                log.info("circuit half-open, probing deployment={}", chosen.getDeployment());
            }
            circuit.inFlight++;
        }
        return chosen;
    }

    /** The call to {@code deployment} answered (successfully, or with the caller's own error). */
    void answered(String deployment) {
        Circuit circuit = circuit(deployment);
        circuit.inFlight = Math.max(0, circuit.inFlight - 1);
        circuit.failures = 0;
        circuit.probing = false;
        if (circuit.state != CircuitState.CLOSED) {
            circuit.state = CircuitState.CLOSED;
            circuit.openUntil = null;
            log.info("circuit closed deployment={}", deployment);
            publish(deployment, circuit, null);
        }
    }

    /**
     * True while a provider's rate limit leaves no headroom: a deployment rests for a
     * {@code Retry-After} it gave, or a provider answered 429 less than {@code quiet} ago.
     */
    boolean rateLimited(Duration quiet) {
        Instant now = clock.instant();
        return restsUntil != null && now.isBefore(restsUntil)
                || lastRateLimited != null && now.isBefore(lastRateLimited.plus(quiet));
    }

    /** The call to {@code target} failed with {@code error}. */
    void failed(Target target, ProviderError error) {
        String deployment = target.getDeployment();
        Circuit circuit = circuit(deployment);
        circuit.inFlight = Math.max(0, circuit.inFlight - 1);
        Instant now = clock.instant();
        if (error.httpStatus() == 429) {
            circuit.probing = false;
            lastRateLimited = now;
            if (error.retryAfter() != null && !error.retryAfter().isZero()) {
                restUntil.merge(restKey(target), now.plus(error.retryAfter()), Circuits::later);
                restsUntil = restsUntil == null ? now.plus(error.retryAfter()) : later(restsUntil, now.plus(error.retryAfter()));
            }
            return;
        }
        if (!unwell(error)) {
            answered(deployment);
            return;
        }
        circuit.failures++;
        boolean probeFailed = circuit.state == CircuitState.HALF_OPEN && circuit.probing;
        circuit.probing = false;
        if (probeFailed || (circuit.state == CircuitState.CLOSED && circuit.failures >= policy.failureThreshold())) {
            circuit.state = CircuitState.OPEN;
            circuit.openUntil = now.plus(policy.openFor());
            String reason = error.type() + " " + error.httpStatus();
            log.warn("circuit opened deployment={} failures={} reason={} openFor={}", deployment, circuit.failures,
                    reason, policy.openFor());
            publish(deployment, circuit, reason);
        }
    }

    /** The call to {@code deployment} was abandoned without an answer (the requester went away). */
    void abandoned(String deployment) {
        Circuit circuit = circuit(deployment);
        circuit.inFlight = Math.max(0, circuit.inFlight - 1);
        circuit.probing = false;
    }

    /** Applies a state another instance published; this instance's own records are already applied. */
    void apply(DeploymentHealth health) {
        if (instance.equals(health.getInstance())) {
            return;
        }
        Circuit circuit = circuit(health.getDeployment());
        if (health.getState() == CircuitState.OPEN && health.getOpenUntil() != null
                && health.getOpenUntil().isAfter(clock.instant())) {
            if (circuit.state != CircuitState.OPEN) {
                log.info("circuit opened by another invoker deployment={} by={} until={}", health.getDeployment(),
                        health.getInstance(), health.getOpenUntil());
            }
            circuit.state = CircuitState.OPEN;
            circuit.openUntil = later(circuit.openUntil, health.getOpenUntil());
            circuit.probing = false;
        } else if (health.getState() == CircuitState.CLOSED && circuit.state != CircuitState.CLOSED) {
            log.info("circuit closed by another invoker deployment={} by={}", health.getDeployment(),
                    health.getInstance());
            circuit.state = CircuitState.CLOSED;
            circuit.failures = 0;
            circuit.openUntil = null;
            circuit.probing = false;
        }
    }

    CircuitState state(String deployment) {
        return circuit(deployment).state;
    }

    int inFlight(String deployment) {
        return circuit(deployment).inFlight;
    }

    /** Failures that say the deployment itself is unwell, as opposed to the request being wrong. */
    static boolean unwell(ProviderError error) {
        return error.retryable() && error.httpStatus() != 429;
    }

    private boolean resting(Target target, Instant now) {
        String key = restKey(target);
        Instant until = restUntil.get(key);
        if (until != null && !now.isBefore(until)) {
            restUntil.remove(key);
            return false;
        }
        return until != null;
    }

    private static String restKey(Target target) {
        return target.getDeployment() + "/" + target.getUpstreamModel();
    }

    private static boolean admits(Circuit circuit, Instant now) {
        return switch (circuit.state) {
            case CLOSED -> true;
            case OPEN -> !now.isBefore(circuit.openUntil);
            case HALF_OPEN -> !circuit.probing;
        };
    }

    private Target pick(List<Target> candidates) {
        if (candidates.isEmpty()) {
            return null;
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        double[] odds = new double[candidates.size()];
        double total = 0;
        for (int i = 0; i < odds.length; i++) {
            Target target = candidates.get(i);
            odds[i] = Math.max(1, target.getWeight()) / (double) (circuit(target.getDeployment()).inFlight + 1);
            total += odds[i];
        }
        double draw = random.nextDouble() * total;
        for (int i = 0; i < odds.length; i++) {
            draw -= odds[i];
            if (draw < 0) {
                return candidates.get(i);
            }
        }
        return candidates.get(odds.length - 1);
    }

    private void publish(String deployment, Circuit circuit, String reason) {
        publish.accept(DeploymentHealth.newBuilder()
                .setDeployment(deployment)
                .setState(circuit.state)
                .setOpenUntil(circuit.openUntil)
                .setConsecutiveFailures(circuit.failures)
                .setReason(reason)
                .setInstance(instance)
                .setDecidedAt(clock.instant())
                .build());
    }

    private Circuit circuit(String deployment) {
        return byDeployment.computeIfAbsent(deployment, d -> new Circuit());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /** For logs and tests: how long until an open circuit admits a probe. */
    Duration openFor(String deployment) {
        Circuit circuit = circuit(deployment);
        return circuit.openUntil == null ? Duration.ZERO : Duration.between(clock.instant(), circuit.openUntil);
    }
}
