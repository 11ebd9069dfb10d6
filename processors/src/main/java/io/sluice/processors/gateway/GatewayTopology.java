package io.sluice.processors.gateway;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Invocation;
import io.sluice.avro.Priority;
import io.sluice.avro.ReplyAddress;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * Builds the gateway topology: {@code requests} → validate → admit → route → {@code invocations}
 * (or {@code invocations.batch}), with rejections to {@code responses} and the requester's reply
 * topic, and every decision to {@code audit}. A pure function of its inputs, so tests run the
 * production topology in {@code TopologyTestDriver}.
 */
public final class GatewayTopology {

    private GatewayTopology() {}

    public static Topology build(GatewaySettings settings, Topics topics, Clock clock) {
        var stages = new GatewayStages(settings, topics.replies().name(), clock);
        var rejections = new Rejections(clock);
        var builder = new StreamsBuilder();

        KStream<String, Decision> decided = builder
                .stream(topics.requests().name(), consumed(topics.requests(), "requests-source"))
                .filter((tenant, request) -> request != null, Named.as("drop-empty"))
                .mapValues((tenant, request) -> stages.validate(tenant, request), Named.as("validate"))
                .mapValues(stages::admit, Named.as("admit"))
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
                            decision -> rejections.response((Decision.Rejected) decision),
                            Named.as("rejection-response"));
                    responses.to(topics.responses().name(), produced(topics.responses(), "responses-sink"));
                    responses.filter((tenant, response) -> response.getReplyTo() != null, Named.as("has-reply-to"))
                            .map((tenant, response) -> KeyValue.pair(response.getRequestId(), Rejections.reply(response)),
                                    Named.as("rejection-reply"))
                            .to(new ReplyTopic(), produced(topics.replies(), "replies-sink")
                                            .withStreamPartitioner(new ReplyPartitioner()));
                }, "rejected"));

        return builder.build();
    }

    /**
     * Streams properties for the gateway: named application id, the processing guarantee, poison
     * records sent to the dead-letter topic instead of stopping the pipeline, and producers tuned
     * for latency.
     */
    public static Map<String, Object> streamsProperties(GatewaySettings settings, Topics topics,
            Map<String, Object> clientProperties, String stateDir, String processingGuarantee, int threads) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.prefix() + "dlq");
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        if (StreamsConfig.AT_LEAST_ONCE.equals(processingGuarantee)) {
            props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        }
        return props;
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

    /** The reply topic the requester named (validated by the gateway's first stage). */
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
            int partition = address.getPartition();
            return partition >= 0 && partition < numPartitions ? Optional.of(Set.of(partition)) : Optional.empty();
        }
    }
}
