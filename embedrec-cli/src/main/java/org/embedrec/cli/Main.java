package org.embedrec.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import org.embedrec.train.FactorKernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code embedrec} command. Each subcommand is one class; they are thin layers
 * over the library. Errors print one clear line to stderr ({@code EMBEDREC_DEBUG=1} adds the stack
 * trace) and exit with status 1; usage errors exit with status 2. {@code --help} and {@code --version} are
 * inherited by every subcommand, so help works even on commands with required options.
 */
@Command(name = "embedrec", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Main.Version.class,
        description = "Embedding-based recommender systems: load rating data, train, evaluate, recommend.",
        subcommands = {DownloadCommand.class, GenerateCommand.class, ExploreCommand.class, TrainCommand.class, CompareCommand.class, TuneCommand.class, ProtocolCommand.class,
            EvaluateCommand.class, PredictCommand.class, RecommendCommand.class, SimilarCommand.class, RetrainCommand.class,
            DemoCommand.class, ServeCommand.class, IndexCommand.class, ReportCommand.class, AnalyzeCommand.class, BenchCommand.class})
public final class Main {
    private Main() {
    }

    /** {@code --version}: the release, the Java runtime and the kernels in use (SIMD or scalar). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"embedrec 0.1.0",
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
                "kernels: " + FactorKernels.implementation()};
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests and embedding). */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            PrintWriter err = line.getErr();
            err.println("embedrec: error: " + describe(exception));
            if (System.getenv("EMBEDREC_DEBUG") != null) {
                exception.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return commandLine.execute(args);
    }

    static String describe(Exception exception) {
        if (exception instanceof NoSuchFileException missing) {
            return "file not found: " + missing.getFile();
        }
        String message = exception.getMessage();
        return message == null ? exception.toString() : message;
    }
}
