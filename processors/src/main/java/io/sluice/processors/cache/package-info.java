/**
 * Response caching decisions: {@link io.sluice.processors.cache.CacheKeys} derives the key of a
 * cached answer from everything that changes a model's output (scoped per tenant), and
 * {@link io.sluice.processors.cache.CachePolicy} says whether a request may be answered from or
 * stored in the cache, and why not when it may not. Pure functions: the store, its TTL clock and
 * the topology wiring live with the gateway. A key is a one-way hash; nothing here logs or keeps
 * prompt text.
 */
package io.sluice.processors.cache;
