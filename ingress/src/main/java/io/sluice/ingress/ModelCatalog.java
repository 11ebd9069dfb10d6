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
