package io.sluice.schemas.models;

import io.sluice.avro.ModelRecord;
import io.sluice.avro.ModelState;
import io.sluice.avro.ModelVersion;
import java.util.Comparator;
import java.util.Optional;

/**
 * How a requested model name finds a registry version: {@code name@3} pins version 3,
 * {@code name@prod} follows the alias {@code prod}, and a bare {@code name} is its newest version
 * in PRODUCTION. Registry names hold no {@code @}, so the part before the last one is the model.
 */
public final class ModelRefs {
    private ModelRefs() {}

    /** The registry model a requested name is about (which may not resolve to a version). */
    public static String modelName(String requested) {
        int at = requested.lastIndexOf('@');
        return at < 0 ? requested : requested.substring(0, at);
    }

    /** The version {@code requested} names in {@code model}, if any. */
    public static Optional<ModelVersion> resolve(ModelRecord model, String requested) {
        int at = requested.lastIndexOf('@');
        if (at < 0) {
            return model.getVersions().stream().filter(v -> v.getState() == ModelState.PRODUCTION)
                    .max(Comparator.comparingInt(ModelVersion::getVersion));
        }
        String ref = requested.substring(at + 1);
        Integer number = ref.chars().allMatch(Character::isDigit) && !ref.isEmpty() && ref.length() < 10
                ? Integer.valueOf(ref) : model.getAliases().get(ref);
        return number == null ? Optional.empty() : version(model, number);
    }

    public static Optional<ModelVersion> version(ModelRecord model, int number) {
        return model.getVersions().stream().filter(v -> v.getVersion() == number).findFirst();
    }
}
