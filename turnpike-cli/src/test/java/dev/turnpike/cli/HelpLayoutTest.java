package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Every command's help keeps each URL and path whole, examples included, and shows the real defaults. */
class HelpLayoutTest {

    @Test
    void noUrlOrPathIsCutInAnyHelp() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Main.commandLine(), commands);
        for (CommandLine cmd : commands) {
            CommandSpec spec = cmd.getCommandSpec();
            String help = CliTest.run(Stream.concat(Arrays.stream(spec.qualifiedName(" ").split(" ")).skip(1),
                    Stream.of("--help")).toArray(String[]::new)).out();
            for (String word : pathsAndUrls(spec)) {
                assertThat(help).as(spec.qualifiedName(" ") + " --help").contains(word);
            }
        }
    }

    @Test
    void fetchsExampleUsesTheGatewaysPortAndTheDevWalletPrefix() {
        assertThat(CliTest.run("fetch", "--help").out())
                .contains("  turnpike fetch http://127.0.0.1:8402/quotes/today --wallet"
                        + " lnbits:http://127.0.0.1:8402/devwallet --wallet-key-file ~/.turnpike/wallet.key");
    }

    @Test
    void wrappingBreaksAtSpacesOnly() {
        assertThat(HelpLayout.wrap("see ~/.turnpike/wallet.yaml or http://127.0.0.1:8402/devwallet", 20, 18))
                .containsExactly("see", "~/.turnpike/wallet.yaml", "or", "http://127.0.0.1:8402/devwallet");
        assertThat(HelpLayout.wrap("a b c d", 3, 3)).containsExactly("a b", "c d");
    }

    /** The words with a slash in what the command's help shows: descriptions, option descriptions, the footer. */
    private static List<String> pathsAndUrls(CommandSpec spec) {
        Stream<String> texts = Stream.of(spec.usageMessage().description(), spec.usageMessage().footer())
                .flatMap(Arrays::stream);
        Stream<String> options = spec.options().stream().flatMap(o -> Arrays.stream(o.description()));
        return Stream.concat(texts, options)
                .flatMap(t -> Arrays.stream(t.split("\\s+")))
                .filter(w -> w.contains("/") && !w.contains("${") && !w.contains("%"))
                .toList();
    }

    private static void collect(CommandLine cmd, List<CommandLine> out) {
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                out.add(sub);
                collect(sub, out);
            }
        });
    }
}
