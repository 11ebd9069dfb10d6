package io.sluice.ingress;

import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The immutable map from path and method to handler. A known path with another method is a 405
 * (with {@code Allow}); an unknown path is a 404. Each path has a bounded route name for metrics.
 * A path is either public or {@code admin}: the router lets a request reach an admin route's
 * handler only with an admin key, whatever the handler does.
 *
 * <p>A prefix route ({@code /v1/batches/}) takes every longer path under it that no exact route
 * has, for resources named in the path ({@code /v1/batches/{id}/cancel}); its handler reads the rest.
 *
 * <p>Paths are matched exactly as sent, before any percent-decoding or dot-segment removal, so
 * {@code /%6Detrics} or {@code /v1/../metrics} is a 404, never another spelling of a route.
 */
final class RouteTable {
    /** The route name of requests that matched no path. */
    static final String UNMATCHED = "unmatched";

    /** Handles one request; must answer through the exchange exactly once, now or later. */
    interface Handler {
        void handle(Exchange exchange);
    }

    /** {@code handler}, answering the {@link ApiException} it throws while reading the request. */
    static Handler guarded(Handler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (ApiException e) {
                exchange.respond(e.error());
            }
        };
    }

    /** The outcome of a lookup: a handler, or why there is none. */
    sealed interface Match {
        String routeName();
    }

    /** @param admin whether the route needs an admin key */
    record Found(String routeName, Handler handler, boolean admin) implements Match {
    }

    record MethodNotAllowed(String routeName, String allow) implements Match {
    }

    record NotFound() implements Match {
        @Override
        public String routeName() {
            return UNMATCHED;
        }
    }

    private record PathRoutes(String name, boolean admin, Map<HttpMethod, Handler> handlers) {
    }

    private final Map<String, PathRoutes> byPath;
    private final Map<String, PathRoutes> byPrefix;

    private RouteTable(Map<String, PathRoutes> byPath, Map<String, PathRoutes> byPrefix) {
        this.byPath = Map.copyOf(byPath);
        this.byPrefix = Map.copyOf(byPrefix);
    }

    static Builder builder() {
        return new Builder();
    }

    Match match(HttpMethod method, String path) {
        PathRoutes routes = routesOf(path);
        if (routes == null) {
            return new NotFound();
        }
        Handler handler = routes.handlers().get(method);
        if (handler == null) {
            String allow = routes.handlers().keySet().stream().map(HttpMethod::name).sorted()
                    .collect(Collectors.joining(", "));
            return new MethodNotAllowed(routes.name(), allow);
        }
        return new Found(routes.name(), handler, routes.admin());
    }

    /** The path of a request target: what precedes {@code ?} or {@code #}, not decoded. */
    static String path(String uri) {
        int end = uri.length();
        int query = uri.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = uri.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return uri.substring(0, end);
    }

    /** The metric route name of {@code path}. */
    String routeName(String path) {
        PathRoutes routes = routesOf(path);
        return routes == null ? UNMATCHED : routes.name();
    }

    private PathRoutes routesOf(String path) {
        PathRoutes routes = byPath.get(path);
        if (routes != null) {
            return routes;
        }
        int slash = path.indexOf('/', 1);
        while (slash > 0) {
            PathRoutes under = byPrefix.get(path.substring(0, slash + 1));
            if (under != null && path.length() > slash + 1) {
                routes = under;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return routes;
    }

    static final class Builder {
        private final Map<String, PathRoutes> byPath = new LinkedHashMap<>();
        private final Map<String, PathRoutes> byPrefix = new LinkedHashMap<>();

        /** A public route for every path under {@code prefix} (which ends with {@code /}) that no exact route has. */
        Builder prefixRoute(String name, HttpMethod method, String prefix, Handler handler) {
            if (!prefix.endsWith("/")) {
                throw new IllegalArgumentException("a route prefix ends with /: " + prefix);
            }
            PathRoutes routes = byPrefix.computeIfAbsent(prefix, p -> new PathRoutes(name, false, new LinkedHashMap<>()));
            if (!routes.name().equals(name) || routes.handlers().putIfAbsent(method, handler) != null) {
                throw new IllegalArgumentException(method + " " + prefix + "* is routed twice or named twice");
            }
            return this;
        }

        Builder route(String name, HttpMethod method, String path, Handler handler) {
            return route(name, method, path, handler, false);
        }

        /** A route only an admin key opens. */
        Builder adminRoute(String name, HttpMethod method, String path, Handler handler) {
            return route(name, method, path, handler, true);
        }

        /** A route that is admin-only when {@code admin} is true. */
        Builder route(String name, HttpMethod method, String path, Handler handler, boolean admin) {
            PathRoutes routes = byPath.computeIfAbsent(path, p -> new PathRoutes(name, admin, new LinkedHashMap<>()));
            if (!routes.name().equals(name)) {
                throw new IllegalArgumentException("path " + path + " is already named " + routes.name());
            }
            if (routes.admin() != admin) {
                throw new IllegalArgumentException("path " + path + " cannot be both admin and public");
            }
            if (routes.handlers().putIfAbsent(method, handler) != null) {
                throw new IllegalArgumentException(method + " " + path + " is routed twice");
            }
            return this;
        }

        RouteTable build() {
            return new RouteTable(frozen(byPath), frozen(byPrefix));
        }

        private static Map<String, PathRoutes> frozen(Map<String, PathRoutes> routes) {
            Map<String, PathRoutes> frozen = new LinkedHashMap<>();
            routes.forEach((path, r) -> frozen.put(path, new PathRoutes(r.name(), r.admin(), Map.copyOf(r.handlers()))));
            return frozen;
        }
    }
}
