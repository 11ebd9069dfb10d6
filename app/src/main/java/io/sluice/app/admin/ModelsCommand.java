package io.sluice.app.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice admin models}: the model registry through the admin API (same key and exit codes as {@link AdminCommand}). */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Register models and versions, record approvals, move versions through their lifecycle, set aliases.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.CreateModel.class, ModelsCommand.AddVersion.class,
            ModelsCommand.Approve.class, ModelsCommand.Transition.class, ModelsCommand.Alias.class})
final class ModelsCommand extends io.sluice.app.GroupCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Models with their versions, approvals and aliases.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminCommand.Target target = new AdminCommand.Target();
        @Option(names = "--name", description = "Only this model.")
        String name;

        @Override
        public Integer call() throws Exception {
            String query = name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
            return target.run(spec, client -> client.get("/v1/admin/models" + query));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Register a model.")
    static final class CreateModel implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminCommand.Target target = new AdminCommand.Target();
        @Parameters(index = "0", description = "The model's name (called as NAME, NAME@VERSION or NAME@ALIAS).")
        String name;
        @Option(names = "--owner", required = true)
        String owner;
        @Option(names = "--team", required = true)
        String team;
        @Option(names = "--description")
        String description;
        @Option(names = "--team-tenant", description = "A tenant of the ML team: may call DEVELOPMENT versions (repeatable).")
        List<String> teamTenants = List.of();
        @Option(names = "--review-tenant", description = "A QA or stakeholder tenant: may call STAGING versions (repeatable).")
        List<String> reviewTenants = List.of();

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("owner", owner);
            body.put("team", team);
            if (description != null) {
                body.put("description", description);
            }
            body.put("team_tenants", teamTenants);
            body.put("review_tenants", reviewTenants);
            return target.run(spec, client -> client.post("/v1/admin/models", body));
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true,
            description = "Add the next version of a model, in DEVELOPMENT; what it is never changes afterwards.")
    static final class AddVersion implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminCommand.Target target = new AdminCommand.Target();
        @Parameters(index = "0", description = "The model.")
        String model;
        @Option(names = "--served-by", required = true, description = "The configured model (models[].name) serving it.")
        String servedBy;
        @Option(names = "--owner", description = "Default: the model's.")
        String owner;
        @Option(names = "--team", description = "Default: the model's.")
        String team;
        @Option(names = "--lineage", description = "Training data, as text or a URI (repeatable).")
        List<String> lineage = List.of();
        @Option(names = "--metric", description = "A performance metric, NAME=NUMBER (repeatable).")
        Map<String, Double> metrics = Map.of();

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model", model);
            body.put("served_by", servedBy);
            if (owner != null) {
                body.put("owner", owner);
            }
            if (team != null) {
                body.put("team", team);
            }
            body.put("lineage", lineage);
            body.put("metrics", metrics);
            return target.run(spec, client -> client.post("/v1/admin/models/versions", body));
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Record an approval step: ML, SECURITY, LEGAL (in STAGING, in that order), DEPLOY (once APPROVED).")
    static final class Approve implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminCommand.Target target = new AdminCommand.Target();
        @Parameters(index = "0", description = "The model.")
        String model;
        @Option(names = "--version", required = true)
        int version;
        @Option(names = "--role", required = true, description = "ML, SECURITY, LEGAL or DEPLOY.")
        String role;
        @Option(names = "--approver", required = true, description = "Who approves.")
        String approver;
        @Option(names = "--note")
        String note;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model", model);
            body.put("version", version);
            body.put("role", role);
            body.put("approver", approver);
            if (note != null) {
                body.put("note", note);
            }
            return target.run(spec, client -> client.post("/v1/admin/models/approve", body));
        }
    }

    @Command(name = "transition", mixinStandardHelpOptions = true, description = "Move a version to another state.")
    static final class Transition implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminCommand.Target target = new AdminCommand.Target();
        @Parameters(index = "0", description = "The model.")
        String model;
        @Option(names = "--version", required = true)
        int version;
        @Option(names = "--state", required = true,
                description = "DEVELOPMENT, STAGING, APPROVED, PRODUCTION, DEPRECATED or ARCHIVED.")
        String state;

        @Override
        public Integer call() throws Exception {
            return target.run(spec, client -> client.post("/v1/admin/models/transition",
                    Map.of("model", model, "version", version, "state", state)));
        }
    }

    @Command(name = "alias", mixinStandardHelpOptions = true, description = "Point an alias (MODEL@ALIAS) at a version.")
    static final class Alias implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        AdminCommand.Target target = new AdminCommand.Target();
        @Parameters(index = "0", description = "The model.")
        String model;
        @Parameters(index = "1", description = "The alias, e.g. prod.")
        String alias;
        @Option(names = "--version", required = true)
        int version;

        @Override
        public Integer call() throws Exception {
            return target.run(spec, client -> client.post("/v1/admin/models/alias",
                    Map.of("model", model, "alias", alias, "version", version)));
        }
    }
}
