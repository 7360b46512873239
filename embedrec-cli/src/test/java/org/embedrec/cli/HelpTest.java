package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code --help} works on every command and subcommand, even those with required options. */
class HelpTest {
    /** Every command path, e.g. {@code [train]} and {@code [analyze, tsne]}, found from Main's tree. */
    static List<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(Main.class), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine line, List<String> prefix, List<List<String>> paths) {
        line.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return; // an alias of a command already listed
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.add(path);
            collect(sub, path, paths);
        });
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpPrintsUsageAndExitsZero(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("Usage: embedrec " + String.join(" ", path));
        assertThat(run.err()).doesNotContain("Missing required");
    }

    @org.junit.jupiter.api.Test
    void showOptionsListsTheConfiguredModelsOptionsWithoutData() {
        CliRun run = CliRun.of("train", "--config", "bpr-warp", "--show-options", "--epochs", "5");
        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).startsWith("bpr-warp (bpr): ")
                .containsPattern("(?m)^  negatives +WARP +UNIFORM, ")
                .containsPattern("(?m)^  epochs +5 +maximum epochs$")
                .containsPattern("(?m)^  learningRate +0.006 ");
    }
}
