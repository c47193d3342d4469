package dev.turnpike.gateway.config;

import dev.turnpike.gateway.route.ServiceRoute;
import java.time.Duration;
import java.util.Objects;

/**
 * One configured service: its compiled {@link ServiceRoute} (also in {@link GatewayConfig#routes()}) plus what
 * the route does not say.
 *
 * <p><b>Tokens without expiry.</b> {@code AuthPolicy.L402} needs a positive lifetime, so a service configured with
 * {@code token_lifetime: never} carries {@link #NEVER_EXPIRES} (100 years, longer than any lifetime the file may
 * give) there and {@code tokensNeverExpire() == true}: mint such tokens with
 * {@code ServiceSpec.Builder.withoutExpiry()} and a minter built with {@code allowTokensWithoutExpiry()}. A minter
 * unaware of this still mints tokens that expire in 100 years, never an error.
 *
 * @param route             the compiled route
 * @param tokensNeverExpire {@code token_lifetime: never} with {@code allow_tokens_without_expiry: true}
 */
public record ServiceConfig(ServiceRoute route, boolean tokensNeverExpire) {

    /** The lifetime put in {@code AuthPolicy.L402} for {@code token_lifetime: never}. */
    public static final Duration NEVER_EXPIRES = Duration.ofDays(36_525);
    /** The longest finite {@code token_lifetime} accepted. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(3_650);

    public ServiceConfig {
        Objects.requireNonNull(route, "route");
    }

    public String name() {
        return route.name();
    }
}
