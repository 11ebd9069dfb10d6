package io.sluice.schemas.registry;

/**
 * A registry call failed; {@code errorCode} follows the Confluent REST API's error codes where known
 * (a five-digit code's first three digits are its HTTP status), see the constants.
 */
public class SchemaRegistryException extends RuntimeException {
    /** The subject has no versions. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** The subject exists but not with that version. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** No schema has that id, or the schema is not registered under the subject. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** The schema may not follow the subject's latest schema under its compatibility level. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** The schema does not parse, or is of a type or shape this registry does not serve. */
    public static final int INVALID_SCHEMA = 42201;
    /** The version is neither a positive integer nor {@code latest}. */
    public static final int INVALID_VERSION = 42202;
    /** The registry could not persist or read its state. */
    public static final int STORE_ERROR = 50001;
    /** The registry did not answer in time. */
    public static final int TIMEOUT = 50002;
    /** The registry could not be reached, or its answer could not be understood (Sluice's own use of this code). */
    public static final int UNREACHABLE = 50003;

    private final int errorCode;

    public SchemaRegistryException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }

    /**
     * The HTTP status this error is answered with: the first three digits of a five-digit code, the
     * code itself if it is already a status, 500 otherwise.
     */
    public int httpStatus() {
        int status = errorCode >= 10_000 ? errorCode / 100 : errorCode;
        return status >= 400 && status <= 599 ? status : 500;
    }
}
