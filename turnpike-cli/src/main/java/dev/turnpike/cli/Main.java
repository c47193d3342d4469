package dev.turnpike.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code turnpike} command. */
@Command(
        name = "turnpike",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Account-less API access: L402 pay-per-token and Bifrost delegated wallet login.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            FetchCommand.class,
            AppCommand.class,
            WalletCommand.class,
            AdminCommand.class,
            DevWalletCommand.class,
            L402Command.class,
            StoreCommand.class,
            Bolt11Command.class,
            CommandLine.HelpCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by the tests. */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main())
                .setExecutionExceptionHandler(new Failures())
                .setParameterExceptionHandler(new UsageErrors())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setHelpFactory(new HelpLayout());
        everyVersion(cmd);
        return cmd;
    }

    /** {@code -V} answers on every command, not only on {@code turnpike}. */
    private static void everyVersion(CommandLine cmd) {
        cmd.getCommandSpec().versionProvider(new Version());
        cmd.getSubcommands().values().forEach(Main::everyVersion);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"turnpike " + (v == null ? "(development build)" : v)};
        }
    }
}
