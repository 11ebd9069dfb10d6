/**
 * Prompts as code, as pure functions over the records of the {@code prompts} topic: reading a
 * version's spec strictly ({@link io.sluice.schemas.prompts.PromptSpecs}), plain
 * {@code {{variable}}} templates ({@link io.sluice.schemas.prompts.PromptTemplate},
 * {@link io.sluice.schemas.prompts.PromptRendering}), and publishing, labels, rollbacks and A/B
 * splits ({@link io.sluice.schemas.prompts.PromptRecords}). Shared by the admin API, the gateway's
 * render stage and the {@code sluice prompts} CLI; no I/O here.
 */
package io.sluice.schemas.prompts;
