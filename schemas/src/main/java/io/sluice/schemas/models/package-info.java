/**
 * The model registry's rules as pure functions over its records: which lifecycle moves and
 * approval steps are allowed ({@link io.sluice.schemas.models.ModelLifecycle}), how a requested
 * name such as {@code support-bot@prod} finds a version ({@link io.sluice.schemas.models.ModelRefs}),
 * and which tenants may call a version in its state ({@link io.sluice.schemas.models.ModelAccess}).
 * Shared by the ingress (admin API, catalog) and the gateway (admission); no I/O here.
 */
package io.sluice.schemas.models;
