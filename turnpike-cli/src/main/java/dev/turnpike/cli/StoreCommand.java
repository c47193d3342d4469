package dev.turnpike.cli;

import dev.turnpike.gateway.config.ConfigException;
import dev.turnpike.gateway.config.GatewayConfig;
import dev.turnpike.gateway.config.SecretSource;
import dev.turnpike.gateway.config.StoreConfig;
import dev.turnpike.store.CopyRefusedException;
import dev.turnpike.store.Database;
import dev.turnpike.store.StoreCopy;
import dev.turnpike.store.StoreInUse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "The gateway's store: root keys, tokens, revocations, freebie counts, Bifrost sessions.",
        subcommands = {StoreCommand.Migrate.class})
final class StoreCommand {

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Copies everything a gateway keeps from one store to another: SQLite to PostgreSQL, or back.",
                "FROM and TO are each a data folder (its turnpike.db) or a SQLite file, a PostgreSQL URL"
                        + " (postgresql://user@host:port/db or jdbc:postgresql://host:port/db; the password from"
                        + " --from-password-file/-env, --to-password-file/-env), or a configuration file (*.yaml,"
                        + " *.yml: its store section, password included).",
                "The target is migrated to the current schema and must be empty (or --force); the copy is one"
                        + " transaction, committed only when every table holds as many rows as the source's."
                        + " Stop the gateways first: a store a gateway has open is refused.",
                "Exit codes: 0 copied; 1 not copied (the reason on stderr; the target is unchanged);"
                        + " 2 usage or configuration errors; 3 the target holds data already."
            })
    static final class Migrate extends PrintingCommand {

        static final int TARGET_NOT_EMPTY = 3;
        private static final int POOL_SIZE = 2;

        @Option(names = "--from", required = true, paramLabel = "FROM", description = "The store to copy.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "TO", description = "The store to fill.")
        String to;

        @Option(names = "--from-password-file", paramLabel = "FILE",
                description = "The source PostgreSQL password: the first line of FILE.")
        Path fromPasswordFile;

        @Option(names = "--from-password-env", paramLabel = "VAR",
                description = "The source PostgreSQL password: environment variable VAR.")
        String fromPasswordEnv;

        @Option(names = "--to-password-file", paramLabel = "FILE",
                description = "The target PostgreSQL password: the first line of FILE.")
        Path toPasswordFile;

        @Option(names = "--to-password-env", paramLabel = "VAR",
                description = "The target PostgreSQL password: environment variable VAR.")
        String toPasswordEnv;

        @Option(names = "--force", description = "Replace what the target holds (in the same transaction).")
        boolean force;

        @Override
        public Integer call() throws Exception {
            StoreConfig source;
            StoreConfig target;
            try {
                source = locate(from, password("--from", fromPasswordFile, fromPasswordEnv), "--from");
                target = locate(to, password("--to", toPasswordFile, toPasswordEnv), "--to");
            } catch (ConfigException e) {
                return ServeCommand.badConfig(spec.commandLine().getErr(), Path.of(e.problems().getFirst().source()),
                        e, "--from or --to");
            } catch (IllegalArgumentException e) {
                return usage(e.getMessage());
            }
            if (source.equals(target)) {
                return usage("--from and --to name the same store: " + Stores.describe(source));
            }
            List<StoreCopy.TableRows> copied;
            try {
                refuseMissingOrOpen(source, target);
                out().println("from: " + Stores.describe(source));
                out().println("to:   " + Stores.describe(target));
                out().flush();
                try (Database a = Stores.open(source); Database b = Stores.open(target)) {
                    copied = StoreCopy.copy(a, b, force);
                }
            } catch (CopyRefusedException e) {
                return refused(e);
            }
            long total = 0;
            for (StoreCopy.TableRows t : copied) {
                out().printf("%-24s %8d%n", t.table(), t.rows());
                total += t.rows();
            }
            out().println("copied " + total + " rows; every table holds as many as the source's."
                    + " Point store: in turnpike.yaml at the target, then start the gateways.");
            out().flush();
            return 0;
        }

        /** A PostgreSQL URL, a configuration's store, or a data folder or SQLite file. */
        private static StoreConfig locate(String where, Optional<SecretSource> password, String option)
                throws ConfigException, NoSuchFileException {
            String w = where.strip();
            if (w.startsWith("postgres://") || w.startsWith("postgresql://") || w.startsWith("jdbc:postgresql://")) {
                try {
                    return StoreConfig.Postgres.at(w, password, POOL_SIZE);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
                }
            }
            if (password.isPresent()) {
                throw new IllegalArgumentException(option + "-password-file and -env apply to a PostgreSQL URL only");
            }
            Path path = Path.of(w);
            if (w.endsWith(".yaml") || w.endsWith(".yml")) {
                if (!Files.isRegularFile(path)) {
                    throw new NoSuchFileException(w);
                }
                return GatewayConfig.load(path).store();
            }
            Path file = Files.isDirectory(path) ? path.resolve("turnpike.db") : path;
            return new StoreConfig.Sqlite(file.toAbsolutePath().normalize());
        }

        private static Optional<SecretSource> password(String option, Path file, String variable) {
            if (file != null && variable != null) {
                throw new IllegalArgumentException(option + "-password-file and " + option + "-password-env: give one");
            }
            if (variable != null && System.getenv(variable) == null) {
                throw new IllegalArgumentException(option + "-password-env: environment variable " + variable
                        + " is not set");
            }
            return file != null ? Optional.of(new SecretSource.FromFile(file))
                    : Optional.ofNullable(variable).map(SecretSource.FromEnv::new);
        }

        /** A SQLite source must exist (opening would make an empty one); neither SQLite file may be open elsewhere. */
        private static void refuseMissingOrOpen(StoreConfig source, StoreConfig target) throws Exception {
            if (source instanceof StoreConfig.Sqlite s) {
                if (!Files.isRegularFile(s.path())) {
                    throw new NoSuchFileException(s.path() + " (the source: a data folder holding turnpike.db,"
                            + " or a SQLite file)");
                }
                StoreInUse.refuseOpenSqlite(s.path(), "source");
            }
            if (target instanceof StoreConfig.Sqlite t) {
                StoreInUse.refuseOpenSqlite(t.path(), "target");
            }
        }

        /** A usage error found once the options are read: reported as picocli's own are, exit code 2. */
        private int usage(String message) {
            return new UsageErrors().handleParseException(
                    new CommandLine.ParameterException(spec.commandLine(), message), new String[0]);
        }

        private int refused(CopyRefusedException e) {
            var err = spec.commandLine().getErr();
            err.println("turnpike store migrate: " + e.getMessage());
            if (e.reason() == CopyRefusedException.Reason.TARGET_NOT_EMPTY) {
                err.println("hint: --force replaces what the target holds");
            }
            err.flush();
            return e.reason() == CopyRefusedException.Reason.TARGET_NOT_EMPTY ? TARGET_NOT_EMPTY : Failures.FAILED;
        }
    }
}
