package io.sluice.schemas.models;

/** A lifecycle move or approval step the registry's rules refuse; {@code code} is the OpenAI-style error code to answer. */
public final class LifecycleException extends RuntimeException {
    private final String code;

    LifecycleException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
