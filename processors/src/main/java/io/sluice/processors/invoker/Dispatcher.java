package io.sluice.processors.invoker;

import io.sluice.avro.AiResponse;
import io.sluice.avro.Cancellation;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.Target;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.Providers;
import io.sluice.processors.records.Replies;
import io.sluice.processors.tokens.TokenCounter;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one job on the poll thread: emits {@code INVOKED}, starts the provider call, and when the
 * call's result comes back through the mailbox, produces the response, the reply and
 * {@code RESPONDED}. Reports the job finished once every produce is acknowledged. A streamed
 * request's deltas become {@code CHUNK} replies on the way ({@link ChunkReplies}); the response and
 * the {@code FINAL} reply then carry the whole text, as for a request that was not streamed.
 */
final class Dispatcher {
    /** Beyond the deployment timeout, how long the invoker waits before it gives up on a provider. */
    static final Duration DEADLINE_GRACE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Called on the poll thread. */
    interface Listener {
        void finished(Job job);

        void produceFailed(Job job, String topic, Exception error);
    }

    private final Topics topics;
    private final Producer<byte[], byte[]> producer;
    private final Producer<byte[], byte[]> replyProducer;
    private final Providers providers;
    private final Clock clock;
    private final Mailbox mailbox;
    private final InvokerMetrics metrics;
    private final Listener listener;
    private final Circuits circuits;
    private final ResiliencePolicy policy;
    private final ScheduledExecutorService timer;
    private final RandomGenerator random;
    /** The jobs whose provider call is under way, by request id, for cancellation. */
    private final Map<String, Job> calling = new HashMap<>();
    private final RecentCancels recentCancels = new RecentCancels(10_000);
    private final io.sluice.processors.sanitize.pii.PiiDetector outputDetector =
            io.sluice.processors.sanitize.pii.PiiDetector.standard();

    /**
     * @param producer      the durable producer of responses and audit events
     * @param replyProducer the producer of replies, whose sends block briefly at most
     */
    Dispatcher(Topics topics, Producer<byte[], byte[]> producer, Producer<byte[], byte[]> replyProducer,
            Providers providers, Clock clock, Mailbox mailbox, InvokerMetrics metrics, Listener listener,
            Circuits circuits, ResiliencePolicy policy, ScheduledExecutorService timer, RandomGenerator random) {
        this.topics = topics;
        this.producer = producer;
        this.replyProducer = replyProducer;
        this.providers = providers;
        this.clock = clock;
        this.mailbox = mailbox;
        this.metrics = metrics;
        this.listener = listener;
        this.circuits = circuits;
        this.policy = policy;
        this.timer = timer;
        this.random = random;
    }

    void start(Job job) {
        Invocation invocation = job.invocation();
        job.started(clock.instant(), System.nanoTime());
        Cancellation early = recentCancels.take(job.requestId());
        if (early != null) {
            // the requester went away while the invocation waited: nothing to call, nothing to bill
            send(job, topics.auditRaw(), job.tenantId(), Outcomes.cancelled(invocation, early, clock.instant()));
            var times = new CallTimes(job.invokeStartedAt(), null, clock.instant(), 0, 0);
            complete(job, invocation, null, new java.util.concurrent.CancellationException(), times, null);
            return;
        }
        send(job, topics.auditRaw(), job.tenantId(), job.deadlineOverride()
                ? Outcomes.invokedForDeadline(invocation, job.invokeStartedAt())
                : Outcomes.invoked(invocation, job.invokeStartedAt()));
        AnswerFilter filter = AnswerFilter.of(invocation.getOutput(), outputDetector);
        ChunkReplies chunks = invocation.getRequest().getStream()
                ? new ChunkReplies(job, topics.replies(), replyProducer, mailbox, clock,
                        filter == null ? null : filter.streaming())
                : null;
        var attempts = new Attempts(invocation, providers::find, providers::settings, circuits, policy, mailbox, timer,
                chunks, random, (failed, error, next, waited, attempt) -> retrying(job, failed, error, next, waited, attempt));
        job.attempts(attempts);
        calling.put(job.requestId(), job);
        attempts.run(outcome -> {
            calling.remove(job.requestId());
            Instant completedAt = clock.instant();
            long endNanos = System.nanoTime();
            Throwable problem = outcome.failure() == null && outcome.result() == null
                    ? new IllegalStateException("the provider completed without a result")
                    : outcome.failure();
            Instant firstByteAt = chunks == null ? null : chunks.firstByteAt();
            var times = new CallTimes(job.invokeStartedAt(), firstByteAt, completedAt, endNanos - job.startNanos(),
                    outcome.attempts());
            ProviderResult result = filtered(job, answeredBy(invocation, outcome.target()), outcome.result(), filter);
            complete(job, answeredBy(invocation, outcome.target()), result, problem, times, chunks);
        });
    }

    /**
     * Poll thread: a requester went away. A call under way here is aborted (its outcome is then a
     * 499 with the tokens used so far); one not started yet is remembered, so that it never starts.
     */
    void cancel(Cancellation cancellation) {
        Job job = calling.get(cancellation.getRequestId());
        if (job == null) {
            recentCancels.remember(cancellation);
            return;
        }
        log.info("cancelling provider call requestId={} tenant={} reason={}", job.requestId(), job.tenantId(),
                cancellation.getReason());
        send(job, topics.auditRaw(), job.tenantId(), Outcomes.cancelled(job.invocation(), cancellation, clock.instant()));
        job.cancel();
    }

    /** The invocation as the target that answered it saw it, so that the response names that deployment. */
    private static Invocation answeredBy(Invocation invocation, Target target) {
        if (target.getDeployment().equals(invocation.getDeployment())
                && target.getUpstreamModel().equals(invocation.getUpstreamModel())) {
            return invocation;
        }
        return Invocation.newBuilder(invocation)
                .setDeployment(target.getDeployment())
                .setProvider(target.getProvider())
                .setUpstreamModel(target.getUpstreamModel())
                .setRegion(target.getRegion())
                .build();
    }

    /** Poll thread: one more attempt is about to start; the audit records why. */
    private void retrying(Job job, Target failed, ProviderError error, Target next, Duration waited, int attempt) {
        boolean fallback = !next.getModel().equals(failed.getModel());
        metrics.retry(failed.getDeployment(), fallback);
        log.info("{} requestId={} tenant={} attempt={} failedDeployment={} status={} type={} next={} waitedMs={}",
                fallback ? "falling back" : "retrying", job.requestId(), job.tenantId(), attempt,
                failed.getDeployment(), error.httpStatus(), error.type(), next.getDeployment(), waited.toMillis());
        send(job, topics.auditRaw(), job.tenantId(), Outcomes.retrying(job.invocation(), failed, error, next, waited,
                attempt, fallback, clock.instant()));
    }

    /**
     * The answer as the tenant's output filter leaves it: the model's own personal data masked (or
     * counted), the requester's placeholders restored; what was found is audited as
     * {@code SANITIZED}, counts only.
     */
    private ProviderResult filtered(Job job, Invocation invocation, ProviderResult result, AnswerFilter filter) {
        if (filter == null || !(result instanceof ProviderResult.Completion completion)) {
            return result;
        }
        var counts = new java.util.TreeMap<String, Integer>();
        var choices = new java.util.ArrayList<io.sluice.avro.Choice>();
        for (io.sluice.avro.Choice choice : completion.choices()) {
            io.sluice.avro.ChatMessage message = choice.getMessage();
            if (message == null || message.getContent() == null) {
                choices.add(choice);
                continue;
            }
            AnswerFilter.Filtered answer = filter.whole(message.getContent());
            answer.findings().forEach((k, v) -> counts.merge(k, v, Integer::sum));
            choices.add(io.sluice.avro.Choice.newBuilder(choice)
                    .setMessage(io.sluice.avro.ChatMessage.newBuilder(message).setContent(answer.text()).build())
                    .build());
        }
        if (!counts.isEmpty()) {
            send(job, topics.auditRaw(), job.tenantId(), Outcomes.outputSanitized(invocation, counts, clock.instant()));
        }
        return new ProviderResult.Completion(completion.responseModel(), completion.providerResponseId(), choices,
                completion.usage());
    }

    private void complete(Job job, Invocation invocation, ProviderResult result, Throwable failure, CallTimes times,
            ChunkReplies chunks) {
        if (chunks != null) {
            chunks.flush();
        }
        job.answered();
        AiResponse response = failure == null
                ? Outcomes.response(invocation, result, times)
                : Outcomes.failure(invocation, unexpected(job, failure), times);
        if (failure instanceof java.util.concurrent.CancellationException && times.attempts() > 0) {
            // aborted mid-call: the provider billed the prompt and whatever it sent
            response.setUsage(TokenCounter.estimate(invocation.getRequest(), chunks == null ? "" : chunks.delivered()));
        }
        Outcomes.priced(invocation, response);
        ErrorInfo error = response.getError();
        metrics.answered(invocation, response, times.providerNanos());
        log.debug("invocation completed requestId={} tenant={} deployment={} status={} httpStatus={} streamed={}",
                job.requestId(), job.tenantId(), invocation.getDeployment(), response.getStatus(),
                error == null ? 200 : error.getHttpStatus(), invocation.getRequest().getStream());

        send(job, topics.responses(), job.tenantId(), response);
        ReplyAddress replyTo = invocation.getRequest().getReplyTo();
        if (replyTo != null) {
            send(job, topics.replies(), replyTo.getTopic(), replyTo.getPartition(), job.requestId(),
                    Replies.finalReply(response), false);
        }
        send(job, topics.auditRaw(), job.tenantId(), Outcomes.responded(invocation, response));
        if (job.settle()) {
            listener.finished(job);
        }
    }

    private ErrorInfo unexpected(Job job, Throwable failure) {
        String deployment = job.invocation().getDeployment();
        if (failure instanceof java.util.concurrent.CancellationException) {
            return Outcomes.cancelled();
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof Attempts.UnknownDeploymentException) {
            log.error("invocation names an unknown deployment requestId={} tenant={} deployment={}",
                    job.requestId(), job.tenantId(), deployment);
            return Outcomes.unknownDeployment(deployment);
        }
        if (cause instanceof TimeoutException) {
            log.warn("provider call passed its deadline requestId={} tenant={} deployment={}",
                    job.requestId(), job.tenantId(), deployment);
        } else {
            log.error("provider call failed unexpectedly requestId={} tenant={} deployment={} error={}",
                    job.requestId(), job.tenantId(), deployment, cause.getClass().getName(), cause);
        }
        return Outcomes.unexpected(deployment, cause);
    }

    private <V> void send(Job job, Topic<String, V> topic, String key, V value) {
        send(job, topic, topic.name(), null, key, value, true);
    }

    /**
     * Produces with the serdes of {@code format} to {@code topic} (a reply topic is the
     * requester's choice, validated by the gateway). An essential record goes through the durable
     * producer, and a failed send stops the invoker; a reply goes through the reply producer, and a
     * failed one is logged and given up, since the response on {@code responses} is the record of
     * the outcome and a requester's bad reply address must not stop everyone's invocations.
     */
    private <V> void send(Job job, Topic<String, V> format, String topic, Integer partition, String key, V value,
            boolean essential) {
        job.expect();
        Producer<byte[], byte[]> through = essential ? producer : replyProducer;
        try {
            byte[] keyBytes = format.keySerde().serializer().serialize(topic, key);
            byte[] valueBytes = format.valueSerde().serializer().serialize(topic, value);
            var record = new ProducerRecord<>(topic, partition, keyBytes, valueBytes);
            through.send(record, (metadata, error) -> mailbox.post(() -> sent(job, topic, partition, error, essential)));
        } catch (RuntimeException e) {
            sent(job, topic, partition, e, essential);
        }
    }

    /** Poll thread: one produce of the job is acknowledged, or failed. */
    private void sent(Job job, String topic, Integer partition, Exception error, boolean essential) {
        if (error != null && essential) {
            listener.produceFailed(job, topic, error);
            return;
        }
        if (error != null) {
            log.warn("reply not delivered requestId={} tenant={} topic={} partition={} error={}", job.requestId(),
                    job.tenantId(), topic, partition, error.toString());
        }
        if (job.settle()) {
            listener.finished(job);
        }
    }
}
