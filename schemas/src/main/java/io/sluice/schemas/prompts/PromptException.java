package io.sluice.schemas.prompts;

/**
 * A prompt operation refused by the rules of this package: a spec that does not parse, a missing
 * variable, an unknown version or label, a version published twice with other content. Carries
 * what an OpenAI-style error needs, so the ingress and the gateway answer it the same way.
 */
public final class PromptException extends RuntimeException {
    private final int status;
    private final String code;
    private final String param;

    PromptException(int status, String code, String param, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    static PromptException invalid(String param, String message) {
        return new PromptException(400, "invalid_prompt", param, (param == null ? "" : param + ": ") + message);
    }

    static PromptException notFound(String code, String param, String message) {
        return new PromptException(404, code, param, message);
    }

    /** The HTTP status to answer: 400, 404 or 409. */
    public int status() {
        return status;
    }

    /** The OpenAI-style error code, e.g. {@code missing_prompt_variable}. */
    public String code() {
        return code;
    }

    /** The request parameter or spec path the error is about, or null. */
    public String param() {
        return param;
    }
}
