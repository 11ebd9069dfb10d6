package io.sluice.ingress;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The models clients may name in {@code "model"}. The ingress answers 404 for any other model,
 * lists these on {@code GET /v1/models}, and uses only these as metric labels.
 */
public interface ModelCatalog {

    boolean contains(String model);

    /** The model names, in the order {@code /v1/models} lists them. */
    List<String> models();

    /** The names {@code tenant} may call, for {@code /v1/models}; every name unless a catalog knows better. */
    default List<String> models(String tenant) {
        return models();
    }

    /**
     * The configured models, then the registry's names: a registry name passes the ingress (the
     * gateway decides access by its version's state) and is listed to the tenants its state opens it to.
     */
    static ModelCatalog withRegistry(ModelCatalog configured, ModelDirectory registry) {
        return new ModelCatalog() {
            @Override
            public boolean contains(String model) {
                return configured.contains(model) || registry.names(model);
            }

            @Override
            public List<String> models() {
                var all = new java.util.ArrayList<>(configured.models());
                all.addAll(registry.allNames());
                return all;
            }

            @Override
            public List<String> models(String tenant) {
                var all = new java.util.ArrayList<>(configured.models());
                all.addAll(registry.callable(tenant));
                return all;
            }
        };
    }

    /** A fixed catalog of {@code models}. */
    static ModelCatalog of(Collection<String> models) {
        List<String> list = List.copyOf(models);
        Set<String> set = Set.copyOf(list);
        return new ModelCatalog() {
            @Override
            public boolean contains(String model) {
                return model != null && set.contains(model);
            }

            @Override
            public List<String> models() {
                return list;
            }
        };
    }
}
