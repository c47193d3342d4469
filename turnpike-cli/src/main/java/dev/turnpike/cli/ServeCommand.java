package dev.turnpike.cli;

import dev.turnpike.devnode.EmbeddedDevWallets;
import dev.turnpike.gateway.accesslog.LogStream;
import dev.turnpike.gateway.api.AdminDevWallets;
import dev.turnpike.gateway.config.ConfigException;
import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.node.DevWallets;
import dev.turnpike.lightning.node.LightningException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the gateway as turnpike.yaml describes it, until interrupted (Ctrl-C or SIGTERM).",
            "Exit code 2 when the configuration has errors; each is printed as file:line:column: key: problem."
        })
final class ServeCommand extends PrintingCommand {

    static final int BAD_CONFIG = 2;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "turnpike.yaml",
            description = "The configuration (default: ${DEFAULT-VALUE}; see turnpike.example.yaml and docs/configuration.md).")
    Path config;

    @Option(names = "--log-format", paramLabel = "json|text",
            description = "One JSON object per log line, or text; default text on a terminal, else json.")
    LogStream.Format logFormat;

    /** Warnings about the configuration, as events (docs/operations.md "Events"). */
    private static final Logger CONFIG_EVENTS = LoggerFactory.getLogger("turnpike.event.config");

    @Override
    public Integer call() throws Exception {
        GatewayConfig loaded;
        try {
            loaded = GatewayConfig.load(config);
        } catch (ConfigException e) {
            return badConfig(spec.commandLine().getErr(), config, e, "--config");
        }
        Optional<LogStream> logStream = ServeLogging.enable(logFormat != null ? logFormat : ServeLogging.defaultFormat());
        loaded.warnings().forEach(w -> CONFIG_EVENTS.warn("configuration warning: {}", w));
        CountDownLatch stopped = new CountDownLatch(1);
        try (GatewayRuntime runtime = GatewayRuntime.start(loaded, Clock.systemUTC(), new SecureRandom(), logStream)) {
            Thread hook = new Thread(stopped::countDown, "turnpike-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            runtime.listening().forEach(a -> out().println("listening: " + GatewayRuntime.hostPort(a)));
            runtime.adminAddress().ifPresent(a -> out().println("admin: " + (loaded.admin().tls() ? "https" : "http")
                    + "://" + GatewayRuntime.hostPort(a)
                    + " (bearer secret in " + loaded.dataDir().resolve("admin.secret") + ")"));
            if (runtime.devWalletApi().isPresent()) {
                printDevWallet(runtime, loaded.lightning().network(), runtime.devWalletApi().get());
            }
            runtime.bifrost().ifPresent(u -> out().println("bifrost: " + u));
            out().flush();
            stopped.await();
        }
        return 0;
    }

    /** Prints a configuration's problems, and a hint when the file is missing; the exit code for them. */
    static int badConfig(PrintWriter err, Path config, ConfigException e, String option) {
        int n = e.problems().size();
        err.println(n + (n == 1 ? " problem in " : " problems in ") + config + ":");
        for (ConfigProblem p : e.problems()) {
            err.println(p);
        }
        if (Files.notExists(config)) {
            err.println("hint: start from the example: cp turnpike.example.yaml " + config
                    + " (every key: docs/configuration.md), or name another file with " + option);
        }
        err.flush();
        return BAD_CONFIG;
    }

    /**
     * The embedded node's dev wallet API, and a new dev wallet funded with test coins to pay with (the embedded node
     * runs only on regtest or simnet: those coins are not money).
     */
    private void printDevWallet(GatewayRuntime runtime, Network network, URI api) throws LightningException {
        DevWallets.NewWallet wallet = new EmbeddedDevWallets(runtime.node())
                .create(Optional.of("serve"), AdminDevWallets.DEFAULT_AMOUNT_SAT * 1000);
        DevWalletCommand.printKey(out(), api.toString(), wallet.apiKey(), wallet.balanceMsat(),
                network.name().toLowerCase(Locale.ROOT));
    }
}
