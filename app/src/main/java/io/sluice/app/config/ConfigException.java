package io.sluice.app.config;

/** The configuration is wrong; the message names the path of the offending key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
