/**
 * The gateway topology: one Kafka Streams sub-topology over {@code requests} whose named stages
 * validate, admit and route each request, then emit an {@code Invocation} for the invoker, or a
 * rejection as an {@code AiResponse} plus a reply for the waiting requester. Every decision is an
 * audit event. Replies go only to the gateway's {@code replies} topic or an app reply topic named
 * in the settings, at a partition inside the configured count. Stages are pure functions of the
 * request and the configuration; nothing here calls the network.
 */
package io.sluice.processors.gateway;
