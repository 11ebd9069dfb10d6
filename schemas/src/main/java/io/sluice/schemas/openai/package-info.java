/**
 * OpenAI wire shapes that more than one component writes (the ingress's answers, the batch
 * coordinator's output files). Rendering only: no I/O, no state.
 */
package io.sluice.schemas.openai;
