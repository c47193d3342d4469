package dev.turnpike.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.lightning.node.NodeHealth;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard in docs/ asks only for metrics the gateway exports, under exactly their names. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:turnpike|jvm|process|system)_[a-z_]+)");

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> queried = new TreeSet<>();
        dashboard.findValues("expr").forEach(e -> names(e.asText(), queried));
        dashboard.findValues("query").stream().filter(JsonNode::isTextual).forEach(q -> names(q.asText(), queried));
        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(10);

        GatewayMetrics metrics = GatewayMetrics.create();
        metrics.service("quotes");
        metrics.lightning(() -> new NodeHealth(NodeHealth.Status.UP, Instant.EPOCH, ""));
        assertThat(exportedAfterAGc(metrics)).containsAll(queried);
    }

    /** The names in the scrape, once a collection has happened: the GC pause timer appears with the first pause. */
    private static Set<String> exportedAfterAGc(GatewayMetrics metrics) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<String> exported = new TreeSet<>();
        do {
            System.gc();
            Thread.sleep(100);
            exported.clear();
            metrics.registry().scrape().lines().filter(l -> !l.startsWith("#"))
                    .map(l -> l.split("[{ ]", 2)[0]).forEach(exported::add);
        } while (!exported.contains("jvm_gc_pause_seconds_sum") && System.nanoTime() < deadline);
        return exported;
    }

    private static void names(String expression, Set<String> into) {
        Matcher m = METRIC.matcher(expression);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
