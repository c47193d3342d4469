package dev.turnpike.gateway.bifrost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.Audience;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The session page behind {@code session_url}: what a person sees next to the application. Self-contained (inline
 * CSS, script and SVG, no external request but the event stream), under a Content-Security-Policy that allows only
 * this response's own script and style by nonce. Everything that comes from the application is escaped; the script
 * reads its values from data attributes, never from inline script text.
 */
final class SessionPage {

    /**
     * What the page shows: every attribute the wallet will sign, and how to reach the wallet.
     *
     * @param appName         the application's self-asserted name, or null
     * @param permissionsJson the requested permissions as indented JSON, or null
     * @param audience        the APIs the token is for ({@code aud}); empty: any
     * @param nonce           the session's nonce (Bifrost's), or null
     * @param othersJson      any other attribute as indented JSON (none in sessions this bridge opens), or null
     * @param eventsUrl       the session's event stream, relative to the page
     */
    record Model(String appName, String permissionsJson, List<String> audience, String nonce, String othersJson,
            String confirmationCode, String deepLink, Instant expiresAt, Instant now, String state, String eventsUrl) {

        /** The model of a session with these attributes: each one the wallet will sign is shown. */
        static Model of(Attributes a, String confirmationCode, String deepLink, Instant expiresAt, Instant now,
                String state, String eventsUrl) {
            JsonNode permissions = a.toJsonNode().get(Attributes.PERMISSIONS);
            JsonNode others = a.unknown();
            return new Model(a.name().orElse(null), permissions == null ? null : pretty(permissions),
                    a.audience().map(Audience::urls).orElse(List.of()), a.nonce().orElse(null),
                    others.isEmpty() ? null : pretty(others), confirmationCode, deepLink, expiresAt, now, state,
                    eventsUrl);
        }

        private static String pretty(JsonNode node) {
            try {
                return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree could not be written", e);
            }
        }
    }

    private static final ObjectMapper PRETTY = new ObjectMapper();

    /** A rendered page and the Content-Security-Policy that must go with it. */
    record Rendered(String html, String contentSecurityPolicy) {}

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
            main{max-width:34rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem 2rem;
            box-shadow:0 1px 4px rgba(0,0,0,.12)}
            h1{font-size:1.3rem;margin:.2rem 0 1rem}
            .app{font-size:1.15rem;font-weight:600;overflow-wrap:anywhere}
            .unverified{display:inline-block;margin-left:.5rem;padding:.1rem .45rem;border-radius:4px;font-size:.75rem;
            font-weight:600;background:#fff3cd;color:#7a5a00;border:1px solid #e0c36a;vertical-align:middle}
            .code{font:700 2rem ui-monospace,Menlo,Consolas,monospace;letter-spacing:.15em;margin:.3rem 0 1rem}
            .qr{width:15rem;height:15rem;display:block;margin:1rem auto}
            pre{background:#f4f5f7;padding:.6rem;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;
            max-height:12rem;overflow:auto}
            .state{font-weight:600;padding:.5rem .7rem;border-radius:6px;background:#eef2ff}
            [data-state=approved] .state,[data-state=consumed] .state{background:#e3f6e8;color:#14632f}
            [data-state=denied] .state,[data-state=expired] .state,[data-state=cancelled] .state{background:#fde8e8;
            color:#8a1c1c}
            .muted{color:#5c6475;font-size:.9rem}
            a{color:#2448b8}
            """;

    private static final String SCRIPT = """
            (() => {
              const root = document.getElementById('session');
              const label = document.getElementById('state');
              const countdown = document.getElementById('countdown');
              const words = {pending: 'Waiting for approval in the wallet', approved: 'Approved in the wallet',
                consumed: 'Approved: the application has its token', denied: 'Denied in the wallet',
                expired: 'Expired', cancelled: 'Cancelled'};
              const ends = Number(root.dataset.expiresAt) * 1000;
              const skew = Number(root.dataset.now) * 1000 - Date.now();
              let source = null;
              const show = (state) => {
                root.dataset.state = state;
                label.textContent = words[state] || state;
                if (state !== 'pending' && state !== 'approved' && source) { source.close(); }
              };
              const tick = () => {
                const left = Math.max(0, Math.round((ends - Date.now() - skew) / 1000));
                countdown.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
                if (left === 0 && root.dataset.state === 'pending') { show('expired'); }
              };
              tick();
              setInterval(tick, 1000);
              show(root.dataset.state);
              if (root.dataset.state === 'pending' || root.dataset.state === 'approved') {
                source = new EventSource(root.dataset.events);
                source.addEventListener('state', (e) => show(JSON.parse(e.data).state));
              }
            })();
            """;

    private SessionPage() {}

    static Rendered render(Model m, RandomGenerator random) {
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = Base64.getEncoder().encodeToString(nonceBytes);
        String name = m.appName() == null ? "An application without a name" : m.appName();
        String permissions = m.permissionsJson() == null
                ? "<p class=\"muted\">No permissions requested.</p>"
                : "<pre id=\"permissions\">" + Html.escape(m.permissionsJson()) + "</pre>";
        String audience = m.audience().isEmpty()
                ? "<p class=\"muted\" id=\"audience\">Any API that accepts the token (none named).</p>"
                : "<ul id=\"audience\">" + m.audience().stream().map(u -> "<li>" + Html.escape(u) + "</li>")
                        .collect(Collectors.joining()) + "</ul>";
        String others = m.othersJson() == null ? ""
                : "<h2 class=\"muted\">Other attributes</h2><pre id=\"other-attributes\">"
                        + Html.escape(m.othersJson()) + "</pre>";
        String sessionNonce = m.nonce() == null ? ""
                : "<p class=\"muted\">Session nonce (the bridge's): <code id=\"nonce\">" + Html.escape(m.nonce())
                        + "</code></p>";
        String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><link rel=\"icon\" href=\"data:,\">"
                + "<title>Sign in with your wallet</title><style nonce=\"" + nonce + "\">" + STYLE + "</style></head>"
                + "<body><main id=\"session\" data-state=\"" + Html.escape(m.state()) + "\" data-expires-at=\""
                + m.expiresAt().getEpochSecond() + "\" data-now=\"" + m.now().getEpochSecond() + "\" data-events=\""
                + Html.escape(m.eventsUrl()) + "\">"
                + "<h1>Sign in with your wallet</h1>"
                + "<p class=\"muted\">This application asks your wallet for a delegated login:</p>"
                + "<p><span class=\"app\" id=\"app-name\">" + Html.escape(name) + "</span>"
                + "<span class=\"unverified\" title=\"The application chose this name itself; nobody checked it\">"
                + "unverified</span></p>"
                + "<h2 class=\"muted\">Requested permissions</h2>" + permissions
                + "<h2 class=\"muted\">For these APIs</h2>" + audience + others + sessionNonce
                + "<p class=\"muted\">Check that your wallet shows this code:</p>"
                + "<p class=\"code\" id=\"code\">" + Html.escape(m.confirmationCode()) + "</p>"
                + QrSvg.of(m.deepLink(), "QR code of the wallet link")
                + "<p class=\"muted\">Scan it with your wallet, or open <a id=\"deep-link\" href=\""
                + Html.escape(m.deepLink()) + "\">the wallet link</a> on this device.</p>"
                + "<p class=\"state\" id=\"state\" role=\"status\" aria-live=\"polite\">" + Html.escape(m.state())
                + "</p><p class=\"muted\">Expires in <span id=\"countdown\"></span>.</p>"
                + "</main><script nonce=\"" + nonce + "\">" + SCRIPT + "</script></body></html>\n";
        String csp = "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "';"
                + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'";
        return new Rendered(html, csp);
    }
}
