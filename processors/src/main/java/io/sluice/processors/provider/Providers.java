package io.sluice.processors.provider;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of all configured deployments, one each, created by the factories that
 * {@link ServiceLoader} finds. Owns the {@link ProviderContext} and closes it.
 */
public final class Providers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Providers.class);

    private final Map<String, Entry> byName;
    private final ProviderContext context;

    private record Entry(DeploymentSettings settings, Provider provider) {}

    private Providers(Map<String, Entry> byName, ProviderContext context) {
        this.byName = byName;
        this.context = context;
    }

    /**
     * Creates one provider per deployment with the factories registered on the class path.
     *
     * @throws IllegalArgumentException naming the deployment when its provider type is unknown,
     *                                  a name appears twice, or a factory rejects its settings
     */
    public static Providers load(Collection<DeploymentSettings> deployments, ProviderContext context) {
        return load(deployments, context, ServiceLoader.load(ProviderFactory.class, Providers.class.getClassLoader()));
    }

    /** Creates one provider per deployment with the given factories instead of those on the class path. */
    public static Providers load(
            Collection<DeploymentSettings> deployments, ProviderContext context, Iterable<ProviderFactory> factories) {
        var byName = new LinkedHashMap<String, Entry>();
        try {
            Map<String, ProviderFactory> byType = factoriesByType(factories);
            for (DeploymentSettings settings : deployments) {
                if (byName.containsKey(settings.name())) {
                    throw new IllegalArgumentException("deployments: `" + settings.name() + "` appears twice");
                }
                ProviderFactory factory = byType.get(settings.provider());
                if (factory == null) {
                    throw new IllegalArgumentException(settings.path("provider") + ": unknown provider type `"
                            + settings.provider() + "` (known: " + String.join(", ", new TreeSet<>(byType.keySet())) + ")");
                }
                byName.put(settings.name(), new Entry(settings, factory.create(settings, context)));
            }
        } catch (RuntimeException | ServiceConfigurationError e) {
            byName.values().forEach(entry -> closeQuietly(entry.settings().name(), entry.provider()));
            context.close();
            throw e;
        }
        log.info("providers loaded deployments={}", byName.keySet());
        return new Providers(Map.copyOf(byName), context);
    }

    /** The provider of the deployment with this name, if one is configured. */
    public Optional<Provider> find(String name) {
        return Optional.ofNullable(byName.get(name)).map(Entry::provider);
    }

    /** The settings of the deployment with this name, if one is configured. */
    public Optional<DeploymentSettings> settings(String name) {
        return Optional.ofNullable(byName.get(name)).map(Entry::settings);
    }

    /** Closes every provider, then the shared context. */
    @Override
    public void close() {
        byName.forEach((name, entry) -> closeQuietly(name, entry.provider()));
        context.close();
    }

    private static Map<String, ProviderFactory> factoriesByType(Iterable<ProviderFactory> factories) {
        var byType = new HashMap<String, ProviderFactory>();
        for (ProviderFactory factory : factories) {
            ProviderFactory previous = byType.putIfAbsent(factory.type(), factory);
            if (previous != null) {
                throw new IllegalStateException("provider type `" + factory.type() + "` is claimed by both "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return byType;
    }

    private static void closeQuietly(String deployment, Provider provider) {
        try {
            provider.close();
        } catch (Exception e) {
            log.warn("provider close failed deployment={} error={}", deployment, e.toString());
        }
    }
}
