/**
 * The {@code openai} provider: any server that speaks OpenAI's chat completions API (OpenAI,
 * Ollama, vLLM). Pure functions translate a canonical call into the wire body
 * ({@code OpenAiRequests}) and the wire answer back into a result ({@code OpenAiResponses}, or, for
 * a streamed call, {@code OpenAiStream} reading server-sent events line by line); the
 * provider itself only moves bytes with the shared non-blocking HTTP client. Nothing here blocks a
 * thread, follows a redirect, or lets the API key or an upstream body into an error message.
 *
 * <p>{@code OpenAiDialect} is the package's public face for other providers that speak the same
 * wire format at another address or with another authentication (the {@code azure} package): they
 * describe their dialect and reuse the translation, the stream parsing and the provider whole.
 */
package io.sluice.processors.provider.openai;
