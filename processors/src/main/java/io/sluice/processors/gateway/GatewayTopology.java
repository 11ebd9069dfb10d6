package io.sluice.processors.gateway;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Invocation;
import io.sluice.avro.Priority;
import io.sluice.avro.ReplyAddress;
import io.sluice.processors.records.Replies;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * Builds the gateway topology: {@code requests} → validate → admit → sanitize → route → {@code invocations}
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
        var builder = new StreamsBuilder();

        KStream<String, Decision> decided = builder
                .stream(topics.requests().name(), consumed(topics.requests(), "requests-source"))
                .filter((tenant, request) -> request != null, Named.as("drop-empty"))
                .mapValues((tenant, request) -> stages.validate(tenant, request), Named.as("validate"))
                .mapValues(stages::admit, Named.as("admit"))
                .mapValues(stages::sanitize, Named.as("sanitize"))
                .mapValues(stages::route, Named.as("route"));

        decided.flatMapValues(Decision::audit, Named.as("audit-events"))
                .to(topics.audit().name(), produced(topics.audit(), "audit-sink"));

        decided.split(Named.as("outcome-"))
                .branch((tenant, decision) -> decision instanceof Decision.Pending,
                        Branched.withConsumer(admitted -> admitted
                                .mapValues(decision -> ((Decision.Pending) decision).invocation(),
                                        Named.as("invocation"))
                                .to(new InvocationTopic(topics), produced(topics.invocations(), "invocations-sink")),
                                "admitted"))
                .defaultBranch(Branched.withConsumer(rejected -> {
                    KStream<String, AiResponse> responses = rejected.mapValues(
                            decision -> stages.response((Decision.Rejected) decision),
                            Named.as("rejection-response"));
                    responses.to(topics.responses().name(), produced(topics.responses(), "responses-sink"));
                    responses.filter((tenant, response) -> response.getReplyTo() != null, Named.as("has-reply-to"))
                            .map((tenant, response) -> KeyValue.pair(response.getRequestId(), Replies.finalReply(response)),
                                    Named.as("rejection-reply"))
                            .to(new ReplyTopic(), produced(topics.replies(), "replies-sink")
                                            .withStreamPartitioner(new ReplyPartitioner()));
                }, "rejected"));

        return builder.build();
    }

    /**
     * Streams properties for the gateway, by the rule every Sluice Kafka client follows (see
     * {@code KafkaClientProps}): the gateway's defaults (producers tuned for latency, a one-second
     * commit interval under at-least-once), then {@code clientProperties} as given (Streams takes
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
        props.putAll(clientProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
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
