/**
 * The {@code mock} provider: deterministic answers chosen by model name, no network, so that tests
 * and demos exercise success, slowness and every error status. Nothing here may read the clock or
 * sleep a thread; delays go through the shared scheduler.
 */
package io.sluice.processors.provider.mock;
