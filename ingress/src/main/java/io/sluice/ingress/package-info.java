/**
 * The HTTP ingress: an OpenAI-compatible API on Netty that turns chat requests into
 * {@code AiRequest} records on the requests topic and answers each one from its reply, or with
 * {@code stream: true} as server-sent events from its CHUNK replies ({@code ChatStream}).
 *
 * <p>Public face: {@link io.sluice.ingress.IngressServer} and what it is built from
 * ({@link io.sluice.ingress.IngressSettings}, {@link io.sluice.ingress.ApiKey},
 * {@link io.sluice.ingress.ApiKeyAuthenticator}, {@link io.sluice.ingress.ModelCatalog},
 * {@link io.sluice.ingress.HealthCheck}); its metric names are in {@code io.sluice.schemas.Telemetry}.
 * Everything else is package-private: the pipeline ({@code HttpServerInitializer}), the router,
 * the handlers, request parsing, the OpenAI rendering, the meters ({@code IngressMetrics}) and the
 * Kafka side ({@code KafkaRequestSubmitter}, {@code ReplyListener}).
 *
 * <p>Must not: block an event-loop thread (no network waits, no {@code get()} on futures), import
 * the processors module (the two meet only through topics), or log API keys, request bodies or
 * prompt text.
 */
package io.sluice.ingress;
