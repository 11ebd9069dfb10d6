package io.sluice.processors.gateway;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Invocation;
import io.sluice.avro.ModelRecord;
import io.sluice.avro.PromptRecord;
import io.sluice.avro.Priority;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.TenantRecord;
import io.sluice.processors.records.Replies;
import io.sluice.processors.stores.BoundedRocksDb;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Builds the gateway topology: {@code requests} → validate → admit → render-prompt → rate-limit → sanitize → route (with
 * tiering) → reserve (budgets) → cache-lookup → {@code invocations}
 * (or {@code invocations.batch}), with rejections to {@code responses} and the requester's reply
 * topic, and every decision to {@code audit}. A pure function of its inputs, so tests run the
 * production topology in {@code TopologyTestDriver}.
 */
public final class GatewayTopology {
    /** The producer's default {@code buffer.memory}; raised when one record may be larger. */
    private static final int DEFAULT_BUFFER_MEMORY = 32 * 1024 * 1024;

    private GatewayTopology() {}

    /**
     * The gateway topology.
     *
     * @throws IllegalArgumentException if an app reply topic is one of Sluice's own topics (a
     *                                  request could otherwise have a reply written into it)
     */
    public static Topology build(GatewaySettings settings, Topics topics, Clock clock) {
        requireForeignReplyTopics(settings, topics);
        var stages = new GatewayStages(settings, topics.replies().name(), clock);
        var spending = new Spending(stages, settings.finops(), clock);
        var builder = new StreamsBuilder();
        GatewayStores.addTo(builder);
        builder.globalTable(topics.tenants().name(), consumed(topics.tenants(), "tenants"),
                Materialized.<String, TenantRecord, KeyValueStore<Bytes, byte[]>>as(GatewayStores.TENANTS)
                        .withKeySerde(topics.tenants().keySerde()).withValueSerde(topics.tenants().valueSerde()));

        KStream<String, Decision> decided = builder
                .stream(topics.requests().name(), consumed(topics.requests(), "requests-source"))
                .filter((tenant, request) -> request != null, Named.as("drop-empty"))
                .mapValues((tenant, request) -> stages.validate(tenant, request), Named.as("validate"))
                .processValues(() -> new StageProcessors.Admit(stages), Named.as("admit"),
                        GatewayStores.MODEL_ADMISSION)
                .processValues(() -> new RenderPrompt(stages), Named.as("render-prompt"))
                .processValues(() -> new StageProcessors.Limit(spending, settings), Named.as("rate-limit"),
                        GatewayStores.ADMISSION)
                .processValues(() -> new StageProcessors.ByPolicy(settings, stages::sanitize), Named.as("sanitize"))
                .processValues(() -> new StageProcessors.ByPolicy(settings, stages::route), Named.as("route"))
                .processValues(() -> new StageProcessors.Reserve(spending, settings), Named.as("reserve"),
                        GatewayStores.RESERVATION)
                .processValues(() -> new StageProcessors.Lookup(settings, stages, clock), Named.as("cache-lookup"),
                        GatewayStores.LOOKUP);

        decided.flatMapValues(Decision::audit, Named.as("audit-events"))
                .to(topics.auditRaw().name(), produced(topics.auditRaw(), "audit-sink"));

        decided.split(Named.as("outcome-"))
                .branch((tenant, decision) -> decision instanceof Decision.Pending,
                        Branched.withConsumer(admitted -> admitted
                                .mapValues(decision -> ((Decision.Pending) decision).invocation(),
                                        Named.as("invocation"))
                                .to(new InvocationTopic(topics), produced(topics.invocations(), "invocations-sink")),
                                "admitted"))
                .branch((tenant, decision) -> decision instanceof Decision.Parked, Branched.withConsumer(parked -> { },
                        "parked"))
                .defaultBranch(Branched.withConsumer(settled -> {
                    answer(settled.mapValues(stages::response, Named.as("outcome-response")), topics, "outcome");
                    settled.flatMapValues(decision -> decision instanceof Decision.Rejected rejected
                                    ? rejected.alerts() : java.util.List.<io.sluice.avro.Alert>of(),
                            Named.as("refusal-alerts"))
                            .to(topics.alerts().name(), produced(topics.alerts(), "refusal-alerts-sink"));
                }, "settled"));

        settlement(builder, settings, topics, clock);
        // added last, so that the request path keeps its sub-topology number (and its task ids)
        builder.globalTable(topics.models().name(), consumed(topics.models(), "models"),
                Materialized.<String, ModelRecord, KeyValueStore<Bytes, byte[]>>as(GatewayStores.MODELS)
                        .withKeySerde(topics.models().keySerde()).withValueSerde(topics.models().valueSerde()));
        builder.globalTable(topics.prompts().name(), consumed(topics.prompts(), "prompts"),
                Materialized.<String, PromptRecord, KeyValueStore<Bytes, byte[]>>as(GatewayStores.PROMPTS)
                        .withKeySerde(topics.prompts().keySerde()).withValueSerde(topics.prompts().valueSerde()));
        return builder.build();
    }

    /**
     * The response side: {@code responses} (co-partitioned with {@code requests}, both keyed by
     * tenant) settle reservations and feed the cost totals; what that emits goes to its topics.
     */
    private static void settlement(StreamsBuilder builder, GatewaySettings settings, Topics topics, Clock clock) {
        KStream<String, Emitted> emitted = builder
                .stream(topics.responses().name(), consumed(topics.responses(), "responses-source"))
                .process(() -> new Settlement(settings, clock), Named.as("settle"), GatewayStores.SETTLEMENT);
        emitted.split(Named.as("settled-"))
                .branch((key, out) -> out instanceof Emitted.Cost, Branched.withConsumer(s -> s
                        .mapValues(out -> ((Emitted.Cost) out).record(), Named.as("cost-record"))
                        .to(topics.costs().name(), produced(topics.costs(), "costs-sink")), "cost"))
                .branch((key, out) -> out instanceof Emitted.Budget, Branched.withConsumer(s -> s
                        .mapValues(out -> ((Emitted.Budget) out).status(), Named.as("budget-status"))
                        .to(topics.budgets().name(), produced(topics.budgets(), "budgets-sink")), "budget"))
                .branch((key, out) -> out instanceof Emitted.Raised, Branched.withConsumer(s -> s
                        .mapValues(out -> ((Emitted.Raised) out).alert(), Named.as("alert"))
                        .to(topics.alerts().name(), produced(topics.alerts(), "alerts-sink")), "alert"))
                .branch((key, out) -> out instanceof Emitted.Audited, Branched.withConsumer(s -> s
                        .mapValues(out -> ((Emitted.Audited) out).event(), Named.as("settlement-audit"))
                        .to(topics.auditRaw().name(), produced(topics.auditRaw(), "settlement-audit-sink")), "audit"))
                .branch((key, out) -> out instanceof Emitted.Answer, Branched.withConsumer(s -> answer(
                        s.mapValues(out -> ((Emitted.Answer) out).response(), Named.as("waiter-response")), topics,
                        "waiter"), "answer"))
                .defaultBranch(Branched.withConsumer(s -> s
                        .mapValues(out -> ((Emitted.Invoke) out).invocation(), Named.as("waiter-invocation"))
                        .to(new InvocationTopic(topics), produced(topics.invocations(), "waiter-invocations-sink")),
                        "invoke"));
    }

    /** A final response the gateway gives itself: to {@code responses}, and to the requester's reply topic. */
    private static void answer(KStream<String, AiResponse> responses, Topics topics, String name) {
        responses.to(topics.responses().name(), produced(topics.responses(), name + "-responses-sink"));
        responses.filter((tenant, response) -> response.getReplyTo() != null, Named.as(name + "-has-reply-to"))
                .map((tenant, response) -> KeyValue.pair(response.getRequestId(), Replies.finalReply(response)),
                        Named.as(name + "-reply"))
                .to(new ReplyTopic(), produced(topics.replies(), name + "-replies-sink")
                        .withStreamPartitioner(new ReplyPartitioner()));
    }

    /**
     * Streams properties for the gateway, by the rule every Sluice Kafka client follows (see
     * {@code KafkaClientProps}): the gateway's defaults (producers tuned for latency, a one-second
     * commit interval under at-least-once, no idling for stream-time order between requests and
     * responses), then {@code clientProperties} as given (Streams takes
     * both its own keys and prefixed client keys, so nothing is filtered), then what the gateway
     * cannot work without, which nobody can override: the application id, state directory,
     * processing guarantee and thread count; poison records and deterministic processing failures
     * logged and sent to the dead-letter topic instead of stopping (or looping) the pipeline; and
     * durable producers that accept records as large as the ingress accepts.
     */
    public static Map<String, Object> streamsProperties(GatewaySettings settings, Topics topics,
            Map<String, Object> clientProperties, String stateDir, String processingGuarantee, int threads) {
        Map<String, Object> props = new HashMap<>();
        producerDefault(props, clientProperties, ProducerConfig.LINGER_MS_CONFIG, 0);
        producerDefault(props, clientProperties, ProducerConfig.BUFFER_MEMORY_CONFIG,
                (long) Math.max(DEFAULT_BUFFER_MEMORY, settings.maxRecordBytes()));
        if (StreamsConfig.AT_LEAST_ONCE.equals(processingGuarantee)) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        }
        // a task reads requests and responses; Streams would otherwise hold a request back until it
        // has confirmed that no earlier response is waiting on the broker. Nothing here depends on
        // that order (a response always follows its request in time, and settling is idempotent),
        // so each record is processed as soon as it is fetched.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        props.putAll(clientProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic(topics));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), settings.maxRecordBytes());
        return props;
    }

    /**
     * A producer default as a {@code producer.}-prefixed key (which Streams prefers to the plain
     * one), unless the operator set the key either way.
     */
    private static void producerDefault(Map<String, Object> props, Map<String, Object> operator, String key,
            Object value) {
        String prefixed = StreamsConfig.producerPrefix(key);
        if (!operator.containsKey(key) && !operator.containsKey(prefixed)) {
            props.put(prefixed, value);
        }
    }

    private static String deadLetterTopic(Topics topics) {
        return topics.prefix() + "dlq";
    }

    private static void requireForeignReplyTopics(GatewaySettings settings, Topics topics) {
        Set<String> own = new HashSet<>();
        topics.specs().forEach(spec -> own.add(spec.name()));
        own.add(topics.schemasTopic());
        own.remove(topics.replies().name());
        for (String topic : settings.appReplyTopics()) {
            if (own.contains(topic)) {
                throw new IllegalArgumentException("app reply topic `" + topic + "` is one of Sluice's own topics");
            }
        }
    }

    /** Interactive calls to {@code invocations}, batch calls to {@code invocations.batch}. */
    static final class InvocationTopic implements TopicNameExtractor<String, Invocation> {
        private final Topics topics;

        InvocationTopic(Topics topics) {
            this.topics = topics;
        }

        @Override
        public String extract(String tenant, Invocation invocation, RecordContext context) {
            return invocation.getRequest().getPriority() == Priority.BATCH
                    ? topics.invocationsBatch().name()
                    : topics.invocations().name();
        }

        @Override
        public String toString() {
            return "InvocationTopic[" + topics.invocations().name() + " | " + topics.invocationsBatch().name() + "]";
        }
    }

    /** The reply topic the requester named: the replies topic or an app reply topic (validated by the first stage). */
    static final class ReplyTopic implements TopicNameExtractor<String, AiReply> {
        @Override
        public String extract(String requestId, AiReply reply, RecordContext context) {
            return reply.getResponse().getReplyTo().getTopic();
        }

        @Override
        public String toString() {
            return "ReplyTopic[requester's replyTo.topic]";
        }
    }

    private static <K, V> Consumed<K, V> consumed(Topic<K, V> topic, String name) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }

    private static <K, V> Produced<K, V> produced(Topic<K, V> topic, String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }

    /** Sends a reply to the partition its requester reads, or by key when the requester named none. */
    static final class ReplyPartitioner implements StreamPartitioner<String, AiReply> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, AiReply reply, int numPartitions) {
            ReplyAddress address = reply.getResponse() == null ? null : reply.getResponse().getReplyTo();
            if (address == null || address.getPartition() == null) {
                return Optional.empty();
            }
            // the gateway refused addresses outside the configured partition count; this guards
            // against a topic that has fewer partitions than configured
            int partition = address.getPartition();
            return partition < numPartitions ? Optional.of(Set.of(partition)) : Optional.empty();
        }
    }
}
