package dev.turnpike.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the embedded node and the store keep their files. */
final class DataDirOption {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "State folder: the embedded node's key, invoices and wallets, and the root keys"
                    + " of minted tokens (default: $TURNPIKE_HOME, else ~/.turnpike).")
    Path dataDir;

    Path resolve() {
        return dataDir != null ? dataDir : turnpikeHome();
    }

    /** {@code $TURNPIKE_HOME}, else {@code ~/.turnpike}. */
    static Path turnpikeHome() {
        String home = System.getenv("TURNPIKE_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".turnpike");
    }
}
