/**
 * The invoker: consumes {@code invocations} and {@code invocations.batch} (the latter inside each
 * tenant's off-peak windows, or near a batch's deadline, and only while interactive work leaves
 * room: {@link io.sluice.processors.invoker.BatchLane}), calls each deployment's provider with many calls in flight, and
 * produces the final {@code AiResponse}, the requester's reply (preceded, for a streamed request,
 * by {@code CHUNK} replies as the provider delivers) and audit events; records it cannot
 * read go to the dead-letter topic. It commits an offset only when every earlier record of its
 * partition is finished (all outputs acknowledged), so a crash repeats calls rather than losing
 * them, and a rebalance waits for the calls of the partitions it takes away.
 *
 * <p>Only the poll thread touches the consumer and the offset bookkeeping; provider and producer
 * callbacks hand their results back through a mailbox. Nothing here blocks on a provider, puts
 * prompt text into a log line or an audit event, or uses a request id as a metric label.
 */
package io.sluice.processors.invoker;
