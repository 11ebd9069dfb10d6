package io.sluice.ingress;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@code GET /dashboard}: one self-contained page (inline style and script, SVG charts drawn by
 * its own script, nothing loaded from elsewhere, so it works where there is no internet). The page
 * holds no data and needs no key; its script asks {@code /dashboard/data} with the key the user
 * gives (in the URL fragment, which browsers never send, or typed in). The Content-Security-Policy
 * allows exactly the page's own script and style, by hash, and connections to this origin only.
 */
final class DashboardPage implements RouteTable.Handler {
    static final String HTML = "text/html; charset=utf-8";

    private final byte[] page;
    private final String policy;

    DashboardPage() {
        String style = resource("dashboard.css");
        String script = resource("dashboard.js");
        if (script.contains("</") || style.contains("</")) {
            throw new IllegalStateException("the dashboard's script and style must not contain '</'");
        }
        this.page = resource("dashboard.html").replace("{{style}}", style).replace("{{script}}", script)
                .getBytes(StandardCharsets.UTF_8);
        this.policy = "default-src 'none'; script-src '" + sha256(script) + "'; style-src '" + sha256(style)
                + "'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.respond(response());
    }

    FullHttpResponse response() {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(page));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HTML)
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, policy)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.X_FRAME_OPTIONS, "DENY")
                .set("Referrer-Policy", "no-referrer");
        return response;
    }

    String policy() {
        return policy;
    }

    private static String resource(String name) {
        try (InputStream in = DashboardPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + DashboardPage.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source expression allowing exactly {@code text} as an inline script or style. */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
