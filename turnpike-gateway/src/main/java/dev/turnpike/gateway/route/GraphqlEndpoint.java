package dev.turnpike.gateway.route;

import dev.turnpike.gateway.graphql.RootField;
import java.util.List;
import java.util.Objects;

/**
 * A service's GraphQL endpoint, as delegated tokens see it: requests to {@code path} that carry a delegated token
 * have their body read (at most {@code maxBody} bytes) and parsed (at most {@code maxTokens} tokens, rules nested
 * {@code maxDepth} deep), and are refused when the operation they run selects one of {@code neverDelegable}.
 */
public record GraphqlEndpoint(PathTemplate path, List<RootField> neverDelegable, int maxBody, int maxTokens,
        int maxDepth) {

    public static final int DEFAULT_MAX_BODY = 64 * 1024;
    public static final int DEFAULT_MAX_TOKENS = 5_000;
    public static final int DEFAULT_MAX_DEPTH = 200;

    public GraphqlEndpoint {
        Objects.requireNonNull(path, "path");
        neverDelegable = List.copyOf(neverDelegable);
        if (maxBody < 1 || maxTokens < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public boolean matches(String requestPath) {
        return path.matches(requestPath);
    }
}
