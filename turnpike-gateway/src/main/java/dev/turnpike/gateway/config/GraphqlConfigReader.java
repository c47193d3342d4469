package dev.turnpike.gateway.config;

import dev.turnpike.gateway.config.Section.Item;
import dev.turnpike.gateway.graphql.RootField;
import dev.turnpike.gateway.route.GraphqlEndpoint;
import dev.turnpike.gateway.route.PathTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a delegated service's {@code graphql} mapping: {@code path} (required), {@code never_delegable} (root fields
 * as {@code operation.field}), and the limits {@code max_body}, {@code max_tokens}, {@code max_depth}. Null when
 * something was wrong (the problem recorded).
 */
final class GraphqlConfigReader {

    static final List<String> KEYS = List.of("path", "never_delegable", "max_body", "max_tokens", "max_depth");

    private GraphqlConfigReader() {}

    static Optional<GraphqlEndpoint> read(Section g) {
        PathTemplate path = g.req("path", "a path template such as /energy/graphql", PathTemplate::parse);
        List<RootField> never = never(g);
        Long maxBody = g.opt("max_body", (long) GraphqlEndpoint.DEFAULT_MAX_BODY, "a number of bytes",
                Values.integer(1024, 16 << 20));
        Long maxTokens = g.opt("max_tokens", (long) GraphqlEndpoint.DEFAULT_MAX_TOKENS, "a number of tokens",
                Values.integer(10, 1_000_000));
        Long maxDepth = g.opt("max_depth", (long) GraphqlEndpoint.DEFAULT_MAX_DEPTH, "a nesting depth",
                Values.integer(10, 2_000));
        if (g.failed() || path == null || never == null || maxBody == null || maxTokens == null || maxDepth == null) {
            return null;
        }
        if (never.isEmpty()) {
            g.warn(g.pos, g.path, "no never_delegable fields: every operation goes on to the rules");
        }
        return Optional.of(new GraphqlEndpoint(path, never, maxBody.intValue(), maxTokens.intValue(),
                maxDepth.intValue()));
    }

    private static List<RootField> never(Section g) {
        List<RootField> out = new ArrayList<>();
        boolean ok = g.listOk("never_delegable");
        for (Item it : g.list("never_delegable", "a list of root fields such as mutation.transferGateway")) {
            RootField f = g.scalar(it.node(), it.path(), "a root field such as mutation.transferGateway",
                    RootField::parse);
            if (f == null) {
                ok = false;
            } else if (out.contains(f)) {
                g.error(it.node().pos(), it.path(), f + " is listed twice");
                ok = false;
            } else {
                out.add(f);
            }
        }
        return ok ? out : null;
    }
}
