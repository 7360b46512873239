package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One meaning per flag name: across every command and subcommand, a long flag takes one kind of
 * value (its parameter label), so {@code --model} is always a model file and {@code --items} never
 * means a count in one command and a file in another. {@code --out} is exempt by design: it names
 * each command's main output, a file or a folder.
 */
class FlagNamesTest {
    private static final Set<String> MAIN_OUTPUT = Set.of("--out");

    @Test
    void everyFlagNameTakesOneKindOfValueInEveryCommand() {
        Map<String, Set<String>> labelsByFlag = new TreeMap<>();
        Map<String, Set<String>> commandsByFlag = new TreeMap<>();
        for (var path : HelpTest.commands()) {
            CommandLine line = new CommandLine(Main.class);
            for (String name : path) {
                line = line.getSubcommands().get(name);
            }
            for (OptionSpec option : line.getCommandSpec().options()) {
                if (option.hidden() || option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String label = option.typeInfo().isBoolean() ? "(switch)" : option.paramLabel();
                labelsByFlag.computeIfAbsent(option.longestName(), flag -> new TreeSet<>()).add(label);
                commandsByFlag.computeIfAbsent(option.longestName() + " " + label, flag -> new TreeSet<>())
                        .add(String.join(" ", path));
            }
        }
        assertThat(labelsByFlag).as("flags seen").containsKeys("--model", "--data", "--config", "--item-metadata");
        labelsByFlag.keySet().removeAll(MAIN_OUTPUT);
        labelsByFlag.forEach((flag, labels) -> assertThat(labels)
                .as("%s takes different values: %s", flag, commandsByFlag.entrySet().stream()
                        .filter(entry -> entry.getKey().startsWith(flag + " ")).toList())
                .hasSize(1));
    }
}
