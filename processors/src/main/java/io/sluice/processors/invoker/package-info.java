/**
 * The invoker: consumes {@code invocations}, calls each deployment's provider with many calls in
 * flight, and produces the final {@code AiResponse}, the requester's reply and audit events. It
 * commits an offset only when every earlier record of its partition is finished (all outputs
 * acknowledged), so a crash repeats calls rather than losing them.
 *
 * <p>Only the poll thread touches the consumer and the offset bookkeeping; provider and producer
 * callbacks hand their results back through a mailbox. Nothing here blocks on a provider, puts
 * prompt text into a log line or an audit event, or uses a request id as a metric label.
 */
package io.sluice.processors.invoker;
