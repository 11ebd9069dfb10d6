/**
 * {@code sluice.yaml}: strict parsing (unknown and duplicate keys are errors naming their path),
 * {@code ${ENV}} and {@code ${file:/path}} placeholders, immutable records validated in their
 * constructors, and the embedded defaults. Turning the configuration into component settings
 * happens here too, so components never see YAML.
 */
package io.sluice.app.config;
