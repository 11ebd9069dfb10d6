/**
 * The {@code oci-genai} provider: OCI Generative AI's chat inference,
 * {@code POST {base-url}/20231130/actions/chat} with an on-demand model, signed with an OCI API
 * signing key by the OCI SDK's request signer ({@code OciSigner}; the only part of the SDK used).
 * Pure functions translate a canonical call into {@code ChatDetails} in the generic or the Cohere
 * format ({@code OciRequests}) and the {@code ChatResult} back ({@code OciResponses}, or, for a
 * streamed call, {@code OciStream} reading server-sent events line by line). Nothing here blocks a
 * thread, follows a redirect, or lets a key, a passphrase or an upstream body into a message.
 *
 * <p>Deployment keys it reads:
 * <ul>
 *   <li>{@code base-url}: the inference endpoint; if unset, {@code options.oci-region} names it
 *       ({@code https://inference.generativeai.<oci-region>.oci.oraclecloud.com})</li>
 *   <li>{@code options.oci-region}: e.g. {@code us-chicago-1} (required without {@code base-url})</li>
 *   <li>{@code options.compartment-id} (required): the compartment OCID the call is made in</li>
 *   <li>{@code options.api-format}: {@code generic} (default; Meta, xAI, OpenAI and Google models)
 *       or {@code cohere} (Cohere Command models)</li>
 *   <li>{@code credentials.tenancy-ocid}, {@code credentials.user-ocid},
 *       {@code credentials.fingerprint}, {@code credentials.private-key} (PEM, usually
 *       {@code ${file:...}}) (all required) and {@code credentials.passphrase} (for an encrypted key)</li>
 *   <li>the route's upstream model is the {@code modelId} (a model name or OCID)</li>
 * </ul>
 */
package io.sluice.processors.provider.oci;
