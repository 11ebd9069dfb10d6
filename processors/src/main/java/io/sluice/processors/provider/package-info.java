/**
 * The provider SPI: a narrow interface that completes one canonical chat call and answers with a
 * {@link io.sluice.processors.provider.ProviderResult} (a completion, or a structured error as
 * data), or streams it into a {@link io.sluice.processors.provider.StreamSink} on the way. Implementations live one package per provider type and are found by {@code ServiceLoader}
 * through {@link io.sluice.processors.provider.ProviderFactory}; {@link
 * io.sluice.processors.provider.Providers} creates one provider per configured deployment.
 *
 * <p>Nothing here may block the caller on the network, switch over provider names, or put a
 * secret or prompt text into a message, a log line or a metric label.
 */
package io.sluice.processors.provider;
