package io.sluice.processors.invoker;

import io.sluice.avro.Invocation;
import io.sluice.avro.Target;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.schemas.ErrorTypes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The provider calls of one invocation: the first attempt, then retries and fallbacks until one
 * answers, the request's budget of attempts is spent, or nothing is left to try. Runs on the poll
 * thread; provider answers and timers come back through the mailbox.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>Once the first byte of a stream went to the requester, the answer is final, error or not.
 *   <li>The caller's own errors (400, 413, 422, a model the provider does not have) are final.
 *   <li>A retryable error (429, 5xx, timeout, unreachable) is retried on the same model after a
 *       jittered exponential backoff, or the provider's {@code Retry-After} if longer; another
 *       deployment of the model is preferred when there is one. A {@code Retry-After} beyond
 *       {@link ResiliencePolicy#maxRetryAfter()} is not waited out: the next model is tried, or the
 *       429 is the answer.
 *   <li>Each model gets {@code max(2, its deployments)} attempts; then the next model of the
 *       route's fallback chain is tried, straight away. Errors that say a deployment is
 *       misconfigured (the provider refused the gateway's credentials, say) move on straight away
 *       too.
 *   <li>A model whose deployments all have open circuits is skipped; when no model is left, the
 *       answer is 503 (or the last error seen).
 * </ol>
 */
final class Attempts {
    /** What happened, for the audit: called on the poll thread before the next attempt starts. */
    interface Listener {
        /**
         * Attempt number {@code attempt} goes to {@code next} after {@code failed} answered
         * {@code error} and {@code waited}; a fallback when {@code next} serves another model.
         */
        void retrying(Target failed, ProviderError error, Target next, Duration waited, int attempt);
    }

    /** The final answer and where it came from. {@code failure} is an exception the provider threw (a bug). */
    record Outcome(Target target, ProviderResult result, Throwable failure, int attempts) {}

    private final Invocation invocation;
    private final List<Target> targets;
    private final Function<String, Optional<Provider>> providers;
    private final Function<String, Optional<DeploymentSettings>> settings;
    private final Circuits circuits;
    private final ResiliencePolicy policy;
    private final Mailbox mailbox;
    private final ScheduledExecutorService timer;
    private final ChunkReplies chunks;
    private final RandomGenerator random;
    private final Listener listener;
    private final Set<String> tried = new HashSet<>();
    private Consumer<Outcome> done;
    private int tier;
    private int attempts;
    private int attemptsInTier;
    private ProviderError lastError;
    private Target lastTarget;
    private Duration lastWait = Duration.ZERO;
    private CompletableFuture<ProviderResult> current;
    private boolean finished;
    private boolean cancelled;

    Attempts(Invocation invocation, Function<String, Optional<Provider>> providers,
            Function<String, Optional<DeploymentSettings>> settings, Circuits circuits, ResiliencePolicy policy,
            Mailbox mailbox, ScheduledExecutorService timer, ChunkReplies chunks, RandomGenerator random,
            Listener listener) {
        this.invocation = invocation;
        this.targets = targets(invocation);
        this.providers = providers;
        this.settings = settings;
        this.circuits = circuits;
        this.policy = policy;
        this.mailbox = mailbox;
        this.timer = timer;
        this.chunks = chunks;
        this.random = random;
        this.listener = listener;
        this.tier = targets.get(0).getTier();
    }

    /** The invocation's targets; an invocation from before targets existed has exactly its deployment. */
    static List<Target> targets(Invocation invocation) {
        if (!invocation.getTargets().isEmpty()) {
            return invocation.getTargets();
        }
        return List.of(Target.newBuilder()
                .setTier(0)
                .setModel(invocation.getRequest().getModel())
                .setDeployment(invocation.getDeployment())
                .setProvider(invocation.getProvider())
                .setUpstreamModel(invocation.getUpstreamModel())
                .setRegion(invocation.getRegion())
                .setWeight(1)
                .build());
    }

    /** Poll thread: starts the first attempt; {@code done} gets the outcome, on the poll thread. */
    void run(Consumer<Outcome> done) {
        this.done = done;
        next();
    }

    /** Poll thread: the requester went away; the call in flight is aborted and nothing more is tried. */
    void cancel() {
        cancelled = true;
        if (current != null && !current.isDone()) {
            current.cancel(true);
        } else if (!finished) {
            // between attempts (waiting out a backoff): nothing to abort, and nothing more to try
            finish(lastTarget == null ? targets.get(0) : lastTarget, null, new CancellationException());
        }
    }

    int attempts() {
        return attempts;
    }

    private void next() {
        if (finished) {
            return;
        }
        Target target = chooseFromTier();
        if (target == null) {
            finish(lastTarget == null ? targets.get(0) : lastTarget,
                    lastError != null ? exhausted(lastError) : unavailable(), null);
            return;
        }
        attempts++;
        attemptsInTier++;
        tried.add(target.getDeployment());
        if (lastTarget != null) {
            listener.retrying(lastTarget, lastError, target, lastWait, attempts);
        }
        Optional<Provider> provider = providers.apply(target.getDeployment());
        Optional<DeploymentSettings> deployment = settings.apply(target.getDeployment());
        if (provider.isEmpty() || deployment.isEmpty()) {
            circuits.abandoned(target.getDeployment());
            finish(target, null, new UnknownDeploymentException());
            return;
        }
        CompletableFuture<ProviderResult> call;
        try {
            var providerCall = new ProviderCall(invocation.getRequest(), target.getUpstreamModel(), deployment.get());
            call = chunks == null ? provider.get().complete(providerCall) : provider.get().stream(providerCall, chunks);
            call = call.orTimeout(deployment.get().timeout().plus(Dispatcher.DEADLINE_GRACE).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        current = call;
        ScheduledFuture<?> firstByte = firstByteDeadline(call, deployment.get());
        call.whenComplete((result, failure) -> {
            if (firstByte != null) {
                firstByte.cancel(false);
            }
            mailbox.post(() -> attempted(target, deployment.get(), result, failure));
        });
    }

    /** Moves down the tiers until one has a deployment that admits a call; null when none has. */
    private Target chooseFromTier() {
        while (true) {
            List<Target> inTier = targets.stream().filter(t -> t.getTier() == tier).toList();
            if (!inTier.isEmpty() && attemptsInTier < Math.max(2, inTier.size())) {
                Target chosen = circuits.choose(inTier, tried);
                if (chosen != null) {
                    return chosen;
                }
            }
            if (!advanceTier()) {
                return null;
            }
        }
    }

    private boolean advanceTier() {
        int nextTier = targets.stream().mapToInt(Target::getTier).filter(t -> t > tier).min().orElse(-1);
        if (nextTier < 0) {
            return false;
        }
        tier = nextTier;
        attemptsInTier = 0;
        return true;
    }

    /** A streamed call that has not produced its first delta within the deployment's first-byte timeout fails as a timeout. */
    private ScheduledFuture<?> firstByteDeadline(CompletableFuture<ProviderResult> call, DeploymentSettings deployment) {
        if (chunks == null || deployment.firstByteTimeout().compareTo(deployment.timeout()) >= 0) {
            return null;
        }
        Duration limit = deployment.firstByteTimeout();
        return timer.schedule(() -> {
            if (chunks.firstByteAt() == null) {
                call.complete(new ProviderError(deployment.provider(), 504, ErrorTypes.TIMEOUT, "first_byte_timeout",
                        "no first token from the provider within " + limit.toMillis() + " ms", true, null));
            }
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Poll thread: one attempt ended. */
    private void attempted(Target target, DeploymentSettings deployment, ProviderResult result, Throwable failure) {
        if (finished) {
            circuits.abandoned(target.getDeployment());
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        ProviderError error;
        if (cause instanceof TimeoutException) {
            error = ProviderError.timedOut(deployment.provider(), deployment.timeout().plus(Dispatcher.DEADLINE_GRACE));
        } else if (cause instanceof CancellationException || (cancelled && result instanceof ProviderError)) {
            circuits.abandoned(target.getDeployment());
            finish(target, null, cause instanceof CancellationException ? cause : new CancellationException());
            return;
        } else if (cause != null) {
            circuits.abandoned(target.getDeployment());
            finish(target, null, cause);
            return;
        } else if (result instanceof ProviderError providerError) {
            error = providerError;
        } else {
            circuits.answered(target.getDeployment());
            finish(target, result, null);
            return;
        }
        circuits.failed(target, error);
        lastError = error;
        lastTarget = target;
        boolean streamed = chunks != null && chunks.firstByteAt() != null;
        if (streamed || callersFault(error)) {
            finish(target, error, null);
            return;
        }
        if (attempts >= policy.maxAttempts()) {
            finish(target, exhausted(error), null);
            return;
        }
        Duration wait = Duration.ZERO;
        if (error.retryable()) {
            if (error.retryAfter() != null && error.retryAfter().compareTo(policy.maxRetryAfter()) > 0) {
                if (!advanceTier()) {
                    finish(target, exhausted(error), null);
                    return;
                }
            } else {
                long ceiling = policy.backoffCeiling(attempts).toMillis();
                wait = Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
                if (error.retryAfter() != null && error.retryAfter().compareTo(wait) > 0) {
                    wait = error.retryAfter();
                }
            }
        } else {
            // the deployment is misconfigured: another deployment of this model, if any, else the next model
            long untriedHere = targets.stream()
                    .filter(t -> t.getTier() == tier && !tried.contains(t.getDeployment())).count();
            if (untriedHere == 0 && !advanceTier()) {
                finish(target, exhausted(error), null);
                return;
            }
        }
        lastWait = wait;
        if (wait.isZero()) {
            next();
        } else {
            timer.schedule(() -> mailbox.post(this::next), wait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Errors no other attempt would fix: the request itself is wrong. A 404 counts only when the
     * provider said the model is missing; other 404s, 401 and 403 mean the deployment is
     * misconfigured and another one may answer.
     */
    private static boolean callersFault(ProviderError error) {
        if (error.retryable()) {
            return false;
        }
        int status = error.httpStatus();
        if (status == 401 || status == 403 || status == 405 || status == 415 || status == 502) {
            return false;
        }
        return status != 404 || Outcomes.MODEL_NOT_FOUND.equals(error.code());
    }

    /**
     * The answer when nothing is left to try. A tenant held to its regions whose deployments there
     * all failed gets a 503 that says so, rather than the last deployment's error: its traffic was
     * not sent elsewhere on purpose. A 429 stays a 429, with its {@code Retry-After}.
     */
    private ProviderError exhausted(ProviderError last) {
        List<String> regions = invocation.getAllowedRegions();
        if (regions.isEmpty() || !last.retryable() || last.httpStatus() == 429) {
            return last;
        }
        return new ProviderError("sluice", 503, ErrorTypes.SERVICE_UNAVAILABLE, "region_unavailable",
                "no deployment of model " + invocation.getRequest().getModel() + " in your permitted regions ("
                        + String.join(", ", regions) + ") is answering; requests are not sent to other regions",
                true, null);
    }

    private ProviderError unavailable() {
        if (!invocation.getAllowedRegions().isEmpty()) {
            return exhausted(new ProviderError("sluice", 503, ErrorTypes.SERVICE_UNAVAILABLE, null, "", true, null));
        }
        return new ProviderError("sluice", 503, ErrorTypes.SERVICE_UNAVAILABLE, "no_deployment_available",
                "no deployment of model " + invocation.getRequest().getModel()
                        + " is available right now (circuits open); try again shortly", true, null);
    }

    private void finish(Target target, ProviderResult result, Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        done.accept(new Outcome(target, result, failure, attempts));
    }

    /** The invocation names a deployment this invoker does not have. */
    static final class UnknownDeploymentException extends RuntimeException {
        UnknownDeploymentException() {
            super(null, null, false, false);
        }
    }
}
