/**
 * {@code sluice batch}: the OpenAI Batch API of a running ingress from the command line (upload a
 * JSONL file, create a batch, follow it with a progress bar, download its results; status, cancel,
 * list). Only talks HTTP to the ingress, with a tenant's API key, never to Kafka.
 */
package io.sluice.app.batch;
