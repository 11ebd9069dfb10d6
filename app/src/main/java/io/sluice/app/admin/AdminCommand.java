package io.sluice.app.admin;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice admin}: tenants, keys and the model registry through the admin API of a running ingress. Prints the
 * API's JSON answer; exits 0 on success, 1 when the API refused (its error on stderr), 2 on
 * usage errors. The admin key is read from an environment variable, never from an argument, so
 * it stays out of shell history and process listings.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage tenants, API keys and the model registry through a running ingress's admin API.",
        subcommands = {AdminCommand.Tenants.class, AdminCommand.Keys.class, ModelsCommand.class})
public final class AdminCommand extends io.sluice.app.GroupCommand {
    static final String DEFAULT_KEY_ENV = "SLUICE_ADMIN_KEY";

    /** Where the ingress is and which admin key to use. */
    static final class Target {
        @Option(names = "--url", defaultValue = "${env:SLUICE_URL:-http://127.0.0.1:8080}",
                description = "The ingress's base URL (default: $SLUICE_URL or ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--admin-key-env", defaultValue = DEFAULT_KEY_ENV,
                description = "The environment variable holding the admin key (default: ${DEFAULT-VALUE}).")
        String keyEnv;

        int run(CommandSpec spec, Call call) throws Exception {
            String key = System.getenv(keyEnv);
            if (key == null || key.isBlank()) {
                spec.commandLine().getErr().println("set " + keyEnv + " to an admin key (ingress.admin-keys)");
                return 2;
            }
            AdminClient.Answer answer = call.on(new AdminClient(url, key));
            (answer.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(answer.body());
            return answer.ok() ? 0 : 1;
        }
    }

    interface Call {
        AdminClient.Answer on(AdminClient client) throws Exception;
    }

    @Command(name = "tenants", mixinStandardHelpOptions = true, description = "List and create tenants.",
            subcommands = {ListTenants.class, CreateTenant.class, TenantPolicy.class})
    static final class Tenants extends io.sluice.app.GroupCommand {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Tenants with their apps and keys (never secrets).")
    static final class ListTenants implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target = new Target();
        @Option(names = "--tenant", description = "Only this tenant.")
        String tenant;

        @Override
        public Integer call() throws Exception {
            String query = tenant == null ? "" : "?tenant=" + URLEncoder.encode(tenant, StandardCharsets.UTF_8);
            return target.run(spec, client -> client.get("/v1/admin/tenants" + query));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a tenant.")
    static final class CreateTenant implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target = new Target();
        @Parameters(index = "0", description = "The tenant's id.")
        String id;
        @Option(names = "--app", description = "An app of the tenant (repeatable).")
        List<String> apps = List.of();

        @Override
        public Integer call() throws Exception {
            return target.run(spec, client -> client.post("/v1/admin/tenants", Map.of("id", id, "apps", apps)));
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = "Replace a tenant's policy (limits, regions, budgets, sanitize) with the JSON object in a file "
                    + "('-' for standard input), e.g. {\"requests_per_minute\": 600, \"regions\": [\"eu\"], "
                    + "\"budgets\": [{\"period\": \"month\", \"limit\": \"5000\"}], \"sanitize\": {\"pii\": \"mask\"}}; "
                    + "a field left out goes back to the gateway's default.")
    static final class TenantPolicy implements Callable<Integer> {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();
        @Spec
        CommandSpec spec;
        @Mixin
        Target target = new Target();
        @Parameters(index = "0", description = "The tenant's id.")
        String tenant;
        @Option(names = "--file", required = true, description = "The policy as a JSON object ('-': standard input).")
        String file;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body;
            try (var in = file.equals("-") ? System.in : java.nio.file.Files.newInputStream(java.nio.file.Path.of(file))) {
                body = JSON.readValue(in, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println(file + ": not a JSON object: " + e.getMessage());
                return 2;
            }
            body.put("tenant", tenant);
            return target.run(spec, client -> client.post("/v1/admin/tenants/policy", body));
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, rotate and revoke API keys.",
            subcommands = {CreateKey.class, RotateKey.class, RevokeKey.class})
    static final class Keys extends io.sluice.app.GroupCommand {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key; its secret is printed once and cannot be shown again.")
    static final class CreateKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target = new Target();
        @Option(names = "--tenant", required = true)
        String tenant;
        @Option(names = "--app", defaultValue = "default")
        String app;
        @Option(names = "--id", description = "The key's id (default: generated).")
        String id;
        @Option(names = "--model", description = "A model the key may call (repeatable; default: every model).")
        List<String> models = List.of();
        @Option(names = "--requests-per-minute")
        Integer requestsPerMinute;
        @Option(names = "--tokens-per-minute")
        Integer tokensPerMinute;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tenant", tenant);
            body.put("app", app);
            if (id != null) {
                body.put("id", id);
            }
            body.put("models", models);
            if (requestsPerMinute != null) {
                body.put("requests_per_minute", requestsPerMinute);
            }
            if (tokensPerMinute != null) {
                body.put("tokens_per_minute", tokensPerMinute);
            }
            return target.run(spec, client -> client.post("/v1/admin/keys", body));
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Give a key a new secret (printed once); the old one works until the grace period ends.")
    static final class RotateKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target = new Target();
        @Option(names = "--tenant", required = true)
        String tenant;
        @Parameters(index = "0", description = "The key's id.")
        String id;

        @Override
        public Integer call() throws Exception {
            return target.run(spec, client -> client.post("/v1/admin/keys/rotate", Map.of("tenant", tenant, "id", id)));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key: refused everywhere within seconds.")
    static final class RevokeKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target = new Target();
        @Option(names = "--tenant", required = true)
        String tenant;
        @Parameters(index = "0", description = "The key's id.")
        String id;

        @Override
        public Integer call() throws Exception {
            return target.run(spec, client -> client.post("/v1/admin/keys/revoke", Map.of("tenant", tenant, "id", id)));
        }
    }
}
