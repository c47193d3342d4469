package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code bifrost:} section: defaults, every key, and a precise error for each kind of bad value. */
class BifrostConfigTest {

    private static GatewayConfig parse(String yaml) throws ConfigException {
        return GatewayConfig.parse(yaml + ConfigErrorsTest.S, "t.yaml");
    }

    @Test
    void withoutASectionTheBridgeIsOffWithTheDocumentsDefaults() throws Exception {
        BifrostConfig b = parse("").bifrost();
        assertThat(b).isEqualTo(BifrostConfig.defaults(false));
        assertThat(b.sessionTtl()).isEqualTo(Duration.ofMinutes(3));
        assertThat(b.maxTokenLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(b.strictOriginal()).isFalse();
        assertThat(b.prefix()).isEmpty();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        BifrostConfig b = parse("""
                bifrost:
                  enabled: true
                  prefix: /bifrost
                  session_ttl: 5m
                  max_token_lifetime: 1h
                  clock_skew: 30s
                  public_base_url: https://auth.example.com/
                  deep_link_template: "https://wallet.example/approve?u={session_url}"
                  strict_original: true
                  poll_interval: 2s
                  rate_limits:
                    sessions_per_ip: {per_minute: 5, burst: 2, ipv4_prefix: 32}
                    sessions_per_key: {enabled: false}
                """).bifrost();
        assertThat(b.enabled()).isTrue();
        assertThat(b.prefix()).isEqualTo("/bifrost");
        assertThat(b.sessionTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.maxTokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(b.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.publicBaseUrl()).isEqualTo(Optional.of(URI.create("https://auth.example.com")));
        assertThat(b.deepLinkTemplate()).isEqualTo("https://wallet.example/approve?u={session_url}");
        assertThat(b.strictOriginal()).isTrue();
        assertThat(b.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.sessionsPerIp().limit().requests()).isEqualTo(5);
        assertThat(b.sessionsPerIp().limit().burst()).isEqualTo(2);
        assertThat(b.sessionsPerIp().ipv4Prefix()).isEqualTo(32);
        assertThat(b.sessionsPerKey().enabled()).isFalse();
    }

    @Test
    void heldRequestsHaveSaneDefaultsAndAreChecked() throws Exception {
        assertThat(parse("").bifrost().heldRequests()).isEqualTo(new BifrostConfig.HeldRequests(1024, 256, 32, 4));
        assertThat(parse("bifrost:\n  held_requests: {max: 100, per_client_network: 8, per_session: 2}\n").bifrost()
                .heldRequests()).as("a quarter reserved by default").isEqualTo(new BifrostConfig.HeldRequests(100, 25, 8, 2));
        assertThat(ConfigErrorsTest.problems("bifrost:\n  held_requests: {max: 10, reserved_for_authenticated: 10}\n"
                + ConfigErrorsTest.S))
                .anySatisfy(p -> assertThat(p).contains("bifrost.held_requests.reserved_for_authenticated: must be less"
                        + " than max (10)"));
        assertThat(ConfigErrorsTest.problems("bifrost:\n  held_requests: {per_session: 0}\n" + ConfigErrorsTest.S))
                .anySatisfy(p -> assertThat(p).contains("bifrost.held_requests.per_session"));
    }

    @Test
    void strictOriginalIsWarnedAbout() throws Exception {
        assertThat(parse("bifrost:\n  strict_original: true\n").warnings())
                .anySatisfy(w -> assertThat(w.toString()).contains("bifrost.strict_original").contains("QR code"));
    }

    @Test
    void badValuesAreReportedWithTheirKey() {
        assertThat(ConfigErrorsTest.problems("bifrost:\n  session_ttl: 10s\n" + ConfigErrorsTest.S))
                .contains("t.yaml:2:16: bifrost.session_ttl: must be from 30s to 1h, was \"10s\"");
        assertThat(ConfigErrorsTest.problems("bifrost:\n  public_base_url: ftp://x\n" + ConfigErrorsTest.S))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:2:20: bifrost.public_base_url: must be an http(s)"));
        assertThat(ConfigErrorsTest.problems("bifrost:\n  deep_link_template: sea://auth\n" + ConfigErrorsTest.S))
                .contains("t.yaml:2:23: bifrost.deep_link_template: a deep link template holds {session} or {session_url},"
                        + " was \"sea://auth\"");
        assertThat(ConfigErrorsTest.problems("bifrost:\n  deep_link_template: javascript:alert({session})\n"
                + ConfigErrorsTest.S))
                .anySatisfy(p -> assertThat(p).contains("must not be a javascript: link"));
        assertThat(ConfigErrorsTest.problems("bifrost:\n  prefix: bifrost\n" + ConfigErrorsTest.S))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:2:11: bifrost.prefix: must be a path prefix"));
        assertThat(ConfigErrorsTest.problems("bifrost:\n  rate_limits:\n    sessions_per_key: {per_hour: 1}\n"
                + ConfigErrorsTest.S))
                .anySatisfy(p -> assertThat(p).startsWith("t.yaml:3:24: bifrost.rate_limits.sessions_per_key.per_hour:"
                        + " unknown key"));
        assertThat(ConfigErrorsTest.problems("bifrost:\n  sesion_ttl: 3m\n" + ConfigErrorsTest.S))
                .contains("t.yaml:2:3: bifrost.sesion_ttl: unknown key (did you mean session_ttl?)");
    }
}
