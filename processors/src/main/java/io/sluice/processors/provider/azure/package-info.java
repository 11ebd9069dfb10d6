/**
 * The {@code azure-openai} provider: an Azure OpenAI resource's chat completions. The wire format
 * is OpenAI's, so this package only describes how Azure differs (an {@code OpenAiDialect}: the
 * deployment in the path, the API version in the query, no {@code model} in the body, the
 * {@code api-key} header) and reuses the {@code openai} package for translation, streaming
 * (with {@code stream_options.include_usage}) and error mapping. A content filter's refusal (HTTP
 * 400, code {@code content_filter}) is an {@code invalid_request_error} with code
 * {@code content_filter}, never retried; a filtered answer keeps finish reason {@code content_filter}.
 *
 * <p>Deployment keys it reads:
 * <ul>
 *   <li>{@code base-url} (required): the resource endpoint, {@code https://<resource>.openai.azure.com}</li>
 *   <li>{@code api-key} (required): the resource key, or an Entra ID token with {@code options.auth: bearer}</li>
 *   <li>{@code options.api-version} (required): e.g. {@code 2024-10-21}</li>
 *   <li>{@code options.auth}: {@code api-key} (default; header {@code api-key}) or {@code bearer}
 *       (header {@code Authorization: Bearer})</li>
 *   <li>the route's upstream model is the Azure deployment id</li>
 * </ul>
 * Nothing here blocks, follows a redirect, or lets the key into a message.
 */
package io.sluice.processors.provider.azure;
