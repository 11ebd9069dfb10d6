package io.sluice.processors.gateway;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import io.sluice.avro.ModelRecord;
import io.sluice.avro.ModelVersion;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.SamplingParams;
import io.sluice.avro.Target;
import io.sluice.processors.records.AuditEvents;
import io.sluice.processors.records.Responses;
import io.sluice.processors.sanitize.Sanitizer;
import io.sluice.processors.tiering.TieringRule;
import io.sluice.schemas.ErrorTypes;
import io.sluice.schemas.models.ModelAccess;
import io.sluice.schemas.models.ModelRefs;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's stages as pure functions from one {@link Decision} to the next. Requests from the
 * HTTP ingress were validated already; these checks are what protects the pipeline from apps that
 * produce to {@code requests} directly.
 */
final class GatewayStages {
    static final String STAGE = "gateway";

    private final GatewaySettings settings;
    private final String repliesTopic;
    private final Set<String> replyTopics;
    private final Clock clock;
    private final Sanitizer sanitizer;

    /**
     * @param repliesTopic the gateway's replies topic; a request may name it, or one of the
     *     settings' app reply topics, as its reply address, and no other
     */
    GatewayStages(GatewaySettings settings, String repliesTopic, Clock clock) {
        this(settings, repliesTopic, clock, Sanitizer.standard());
    }

    GatewayStages(GatewaySettings settings, String repliesTopic, Clock clock, Sanitizer sanitizer) {
        this.sanitizer = sanitizer;
        this.settings = settings;
        this.repliesTopic = repliesTopic;
        var topics = new HashSet<>(settings.appReplyTopics());
        topics.add(repliesTopic);
        this.replyTopics = Set.copyOf(topics);
        this.clock = clock;
    }

    /**
     * Checks the reply address first, and drops it when it is refused, whatever else is wrong: an
     * address we refused is never answered to (the outcome still lands on {@code responses}). Then
     * the shape of the request: ids, tenant matching the record key, messages, parameters.
     */
    Decision validate(String key, AiRequest request) {
        String problem = problemWith(request.getReplyTo());
        if (problem != null) {
            request = AiRequest.newBuilder(request).setReplyTo(null).build();
        } else {
            problem = problemWith(key, request);
        }
        Decision.Pending pending = Decision.start(request);
        if (problem != null) {
            return reject(pending, new ErrorInfo(400, ErrorTypes.INVALID_REQUEST, "invalid_request", problem, null, null));
        }
        return pending;
    }

    /** The model registry as admission sees it, and who was admitted to which version before. */
    interface Registry {
        Registry NONE = new Registry() {
            @Override
            public Optional<ModelRecord> model(String name) {
                return Optional.empty();
            }

            @Override
            public boolean usedBefore(String use) {
                return false;
            }

            @Override
            public void use(String use, long atMillis) {
            }
        };

        Optional<ModelRecord> model(String name);

        /** Whether the tenant of {@code use} ({@code tenant/model@version}) was admitted to it before. */
        boolean usedBefore(String use);

        /** Records the first admission of {@code use}'s tenant to its version (later ones change nothing). */
        void use(String use, long atMillis);
    }

    /** Admits configured tenants asking for known models. */
    Decision admit(Decision decision) {
        return admit(decision, tenant -> false, Registry.NONE);
    }

    /**
     * Admits known tenants (configured, or {@code created} through the admin API) asking for known
     * models. A model of the {@code registry} (by name, {@code name@version} or {@code name@alias})
     * is admitted only to the tenants its version's state allows ({@link ModelAccess}), and goes on
     * as the configured model that serves it; a configured model the registry does not know is
     * admitted as before.
     */
    Decision admit(Decision decision, java.util.function.Predicate<String> created, Registry registry) {
        if (!(decision instanceof Decision.Pending pending)) {
            return decision;
        }
        AiRequest request = pending.request();
        if (!settings.tenants().contains(request.getTenantId()) && !created.test(request.getTenantId())) {
            return reject(pending, new ErrorInfo(403, ErrorTypes.PERMISSION_DENIED, "unknown_tenant",
                    "Tenant `" + request.getTenantId() + "` is not known to this gateway.", null, null));
        }
        Optional<ModelRecord> registered = registry.model(ModelRefs.modelName(request.getModel()));
        if (registered.isPresent()) {
            return admitRegistered(pending, registered.get(), registry);
        }
        if (settings.routeOf(request.getModel()).isEmpty()) {
            return reject(pending, modelNotFound(request.getModel()));
        }
        return pending.with(event(request, AuditAction.ACCEPTED).build());
    }

    private Decision admitRegistered(Decision.Pending pending, ModelRecord model, Registry registry) {
        AiRequest request = pending.request();
        Optional<ModelVersion> found = ModelRefs.resolve(model, request.getModel());
        if (found.isEmpty()) {
            return reject(pending, modelNotFound(request.getModel()));
        }
        ModelVersion version = found.get();
        String use = request.getTenantId() + "/" + model.getName() + "@" + version.getVersion();
        Optional<String> refusal = ModelAccess.refusal(model, version, request.getTenantId(), registry.usedBefore(use));
        if (refusal.isPresent()) {
            return reject(pending, new ErrorInfo(403, ErrorTypes.PERMISSION_DENIED, "model_not_allowed",
                    refusal.get(), "model", null));
        }
        if (settings.routeOf(version.getServedBy()).isEmpty()) {
            return reject(pending, new ErrorInfo(404, ErrorTypes.INVALID_REQUEST, "model_not_found",
                    "The model `" + request.getModel() + "` is served by `" + version.getServedBy()
                            + "`, which this gateway does not know.", "model", null));
        }
        registry.use(use, clock.millis());
        AuditEvent accepted = event(request, AuditAction.ACCEPTED).setResolvedModel(version.getServedBy())
                .setDetails(java.util.Map.of("registry_model", model.getName(),
                        "registry_version", String.valueOf(version.getVersion()),
                        "registry_state", version.getState().name(), "served_by", version.getServedBy()))
                .build();
        return pending.resolved(AiRequest.newBuilder(request).setModel(version.getServedBy()).build(), accepted);
    }

    private static ErrorInfo modelNotFound(String model) {
        return new ErrorInfo(404, ErrorTypes.INVALID_REQUEST, "model_not_found",
                "The model `" + model + "` does not exist or you do not have access to it.", "model", null);
    }

    /**
     * Applies the tenant's sanitize policy: limits, deny patterns, prompt injection, secrets and
     * personal data. A refusal is answered with the error it names and nothing goes to a provider;
     * what was found (counts per detector, type and rule, never values) is audited as
     * {@code SANITIZED}; masked messages replace the originals from here on.
     */
    Decision sanitize(Decision decision, TenantPolicies policies) {
        if (!(decision instanceof Decision.Pending pending)) {
            return decision;
        }
        AiRequest request = pending.request();
        Sanitizer.Outcome outcome = sanitizer.apply(request, policies.sanitize(request.getTenantId()));
        AuditEvent found = outcome.counts().isEmpty() ? null : event(request, AuditAction.SANITIZED)
                .setReason(outcome.refused() ? outcome.refusal().code() : "findings")
                .setDetails(outcome.counts().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        java.util.Map.Entry::getKey, e -> String.valueOf(e.getValue()))))
                .setFindings(new java.util.TreeMap<>(outcome.counts()))
                .build();
        if (outcome.refused()) {
            Decision.Pending audited = found == null ? pending : pending.with(found);
            return reject(audited, new ErrorInfo(outcome.refusal().status(), ErrorTypes.INVALID_REQUEST,
                    outcome.refusal().code(), outcome.refusal().message(), "messages", null));
        }
        return pending.sanitized(withoutPromptVariables(outcome.request()), outcome.output(), found);
    }

    /**
     * A rendered prompt's variables are in the (inspected, perhaps masked) messages now; their raw
     * values go no further than this stage.
     */
    private static AiRequest withoutPromptVariables(AiRequest request) {
        if (request.getPrompt() == null || request.getPrompt().getVariables().isEmpty()) {
            return request;
        }
        return AiRequest.newBuilder(request)
                .setPrompt(io.sluice.avro.PromptRef.newBuilder(request.getPrompt()).setVariables(java.util.Map.of())
                        .build())
                .build();
    }

    /**
     * Resolves the model (or alias) to its deployments and those of its fallbacks, keeps only those
     * in the tenant's permitted regions, and builds the invocation. A tenant whose regions no
     * deployment of the model serves is refused here, before anything is called.
     */
    Decision route(Decision decision, TenantPolicies policies) {
        if (!(decision instanceof Decision.Pending pending)) {
            return decision;
        }
        AiRequest request = pending.request();
        Route route = settings.routeOf(request.getModel()).orElseThrow();
        TieringRule tiering = settings.tiering().get(route.model());
        if (tiering != null) {
            TieringRule.Choice choice = tiering.choose(request);
            if (choice.tiered() && !choice.model().equals(route.model())) {
                pending = pending.with(event(request, AuditAction.TIERED)
                        .setReason(choice.reason())
                        .setResolvedModel(choice.model())
                        .setDetails(java.util.Map.of("from", route.model(), "to", choice.model(),
                                "score", String.valueOf(choice.score().value())))
                        .build());
                route = settings.routes().get(choice.model());
            }
        }
        Set<String> regions = policies.regions(request.getTenantId());
        List<Target> targets = targets(route, regions);
        if (targets.isEmpty()) {
            return reject(pending, new ErrorInfo(403, ErrorTypes.PERMISSION_DENIED, "region_not_allowed",
                    "The model `" + request.getModel() + "` has no deployment in the regions your organization may use ("
                            + String.join(", ", new java.util.TreeSet<>(regions)) + ").", "model", null));
        }
        Target first = targets.get(0);
        boolean auditText = policies.sanitize(request.getTenantId()).auditText();
        Invocation invocation = Invocation.newBuilder()
                .setRequest(request)
                .setDeployment(first.getDeployment())
                .setProvider(first.getProvider())
                .setUpstreamModel(first.getUpstreamModel())
                .setRegion(first.getRegion())
                .setFallbacks(targets.stream().skip(1).map(Target::getDeployment).toList())
                .setTargets(targets)
                .setAllowedRegions(regions == null ? List.of() : List.copyOf(new java.util.TreeSet<>(regions)))
                .setOutput(filtering(pending.output()) ? pending.output() : null)
                .setRateLimit(pending.rateLimit())
                .setAdmittedAt(clock.instant())
                .setAuditText(auditText)
                .build();
        var details = new java.util.HashMap<String, String>();
        details.put("targets", targets.stream().map(Target::getDeployment).collect(java.util.stream.Collectors.joining(",")));
        if (!route.model().equals(request.getModel())) {
            details.put("alias", request.getModel());
        }
        if (regions != null) {
            details.put("regions", String.join(",", new java.util.TreeSet<>(regions)));
        }
        AuditEvent routed = event(request, AuditAction.ROUTED)
                .setResolvedModel(first.getUpstreamModel())
                .setProvider(first.getProvider())
                .setDeployment(first.getDeployment())
                .setRegion(first.getRegion())
                .setDetails(details)
                .setMaskedPrompt(auditText ? promptText(request) : null)
                .build();
        return pending.routed(invocation, routed);
    }

    /** The conversation as sent on (after the sanitize stage's masking), a line per message, for an audit trail that keeps text. */
    private static String promptText(AiRequest request) {
        var text = new StringBuilder();
        for (var message : request.getMessages()) {
            text.append(message.getRole().name().toLowerCase(java.util.Locale.ROOT)).append(": ")
                    .append(message.getContent()).append('\n');
        }
        return text.toString();
    }

    /** The route's own targets as tier 0, then each fallback model's as the next tiers, within {@code regions} if set. */
    private List<Target> targets(Route route, Set<String> regions) {
        var targets = new java.util.ArrayList<Target>();
        List<Route> tiers = new java.util.ArrayList<>();
        tiers.add(route);
        route.fallbacks().forEach(name -> tiers.add(settings.routes().get(name)));
        int tier = 0;
        for (Route each : tiers) {
            boolean added = false;
            for (Route.RouteTarget target : each.targets()) {
                if (regions != null && (target.region() == null || !regions.contains(target.region()))) {
                    continue;
                }
                targets.add(Target.newBuilder()
                        .setTier(tier)
                        .setModel(each.model())
                        .setDeployment(target.deployment())
                        .setProvider(target.provider())
                        .setUpstreamModel(target.upstreamModel())
                        .setRegion(target.region())
                        .setWeight(target.weight())
                        .setPrice(target.price())
                        .build());
                added = true;
            }
            if (added) {
                tier++;
            }
        }
        return targets;
    }

    private static boolean filtering(io.sluice.avro.OutputFilter output) {
        return output != null && (!"OFF".equals(output.getAction()) || !output.getRestore().isEmpty());
    }

    /** The final response of a rejected or answered request. */
    AiResponse response(Decision decision) {
        if (decision instanceof Decision.Answered answered) {
            return answered.response();
        }
        var rejected = (Decision.Rejected) decision;
        return Responses.base(rejected.request(), clock.instant())
                .setStatus(ResponseStatus.REJECTED)
                .setError(rejected.error())
                .setRateLimit(rejected.rateLimit())
                .setPriority(rejected.request().getPriority())
                .build();
    }

    Decision.Rejected reject(Decision.Pending pending, ErrorInfo error) {
        AuditEvent rejected = event(pending.request(), AuditAction.REJECTED)
                .setOutcome(true)
                .setReason(error.getCode())
                .setHttpStatus(error.getHttpStatus())
                .build();
        return pending.rejected(error, rejected);
    }

    AuditEvent.Builder event(AiRequest request, AuditAction action) {
        return AuditEvents.forRequest(request, STAGE, action, clock.instant());
    }

    private String problemWith(ReplyAddress replyTo) {
        if (replyTo == null) {
            return null;
        }
        if (!replyTopics.contains(replyTo.getTopic())) {
            return "replyTo.topic must be " + repliesTopic + " or one of the gateway's app reply topics";
        }
        Integer partition = replyTo.getPartition();
        if (partition != null && (partition < 0 || partition >= settings.replyPartitions())) {
            return "replyTo.partition must be between 0 and " + (settings.replyPartitions() - 1);
        }
        return null;
    }

    private static String problemWith(String key, AiRequest request) {
        if (isBlank(request.getRequestId())) {
            return "requestId must not be blank";
        }
        if (isBlank(request.getTenantId()) || !request.getTenantId().equals(key)) {
            return "the record key must be the request's tenant id";
        }
        if (isBlank(request.getModel())) {
            return "model must not be blank";
        }
        List<ChatMessage> messages = request.getMessages();
        if ((messages == null || messages.isEmpty()) && request.getPrompt() == null) {
            return "messages must not be empty (unless a prompt is referenced)";
        }
        return problemWith(request.getParams());
    }

    private static String problemWith(SamplingParams p) {
        if (p == null) {
            return "params must be set";
        }
        if (p.getTemperature() != null && (p.getTemperature() < 0 || p.getTemperature() > 2)) {
            return "temperature must be between 0 and 2";
        }
        if (p.getTopP() != null && (p.getTopP() < 0 || p.getTopP() > 1)) {
            return "top_p must be between 0 and 1";
        }
        if (p.getMaxTokens() != null && p.getMaxTokens() < 1) {
            return "max_tokens must be at least 1";
        }
        if (p.getN() != null && p.getN() != 1) {
            return "n must be 1";
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
