package org.embedrec.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedrec.synth.SyntheticMovieLens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code embedrec generate}: a synthetic MovieLens-like data set in the CSV layout. */
@Command(name = "generate", description = "Write a synthetic MovieLens-like data set (ratings.csv, movies.csv) with planted structure, from a seed.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "folder to write")
    Path out;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small",
            description = "small (ml-latest-small scale) or ml-25m (25M ratings, 162K users, 59K items); default ${DEFAULT-VALUE}")
    String preset;

    @Option(names = "--users", paramLabel = "N", description = "number of users (overrides the preset)")
    Integer users;

    @Option(names = "--items", paramLabel = "N", description = "number of items (overrides the preset)")
    Integer items;

    @Option(names = "--ratings", paramLabel = "N", description = "number of ratings (overrides the preset)")
    Long ratings;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        SyntheticMovieLens.Options options = switch (preset.toLowerCase(Locale.ROOT)) {
            case "small" -> SyntheticMovieLens.Options.defaults();
            case "ml-25m" -> SyntheticMovieLens.Options.ml25mScale();
            default -> throw new IllegalArgumentException("unknown --preset '" + preset + "': use small or ml-25m");
        };
        options = options.withSize(users != null ? users : options.users(), items != null ? items : options.items(),
                ratings != null ? ratings : options.ratings()).withSeed(seed);
        generate(options, out);
        return 0;
    }

    static SyntheticMovieLens.Summary generate(SyntheticMovieLens.Options options, Path out) throws java.io.IOException {
        long start = System.nanoTime();
        SyntheticMovieLens.Summary summary;
        try (CountProgress progress = new CountProgress("generate", " ratings", 1, options.ratings())) {
            summary = new SyntheticMovieLens(options).generate(out, done -> progress.update(done, options.ratings()));
        }
        System.out.printf(Locale.ROOT, "wrote %,d ratings by %,d users on %,d of %,d items to %s (%.1f s, seed %d)%n",
                summary.ratings(), summary.users(), summary.ratedItems(), summary.items(), out,
                (System.nanoTime() - start) / 1e9, options.seed());
        return summary;
    }
}
