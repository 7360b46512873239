package org.embedrec.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedrec.duckdb.DuckDb;
import org.embedrec.synth.SyntheticMovieLens;
import org.embedrec.synth.SyntheticStoreEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code embedrec generate}: a synthetic MovieLens-like data set in the CSV layout, or
 * ({@code --kind events}) a synthetic store's event log with its item catalogue.
 */
@Command(name = "generate", description = {
        "Write a synthetic data set with planted structure, from a seed:",
        "  --kind ratings (default): MovieLens-like ratings.csv and movies.csv;",
        "  --kind events: a store's events.csv (user_id,item_id,event,timestamp; view, cart, purchase),",
        "    items.csv (item_id,title,category,price_band,price,tags) and users.csv,",
        "    with --parquet also as Parquet, with --postgres-script a psql load script."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "folder to write")
    Path out;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "ratings",
            description = "ratings (MovieLens layout) or events (a store's view/cart/purchase log); default ${DEFAULT-VALUE}")
    String kind;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small",
            description = "small (ml-latest-small scale; events: 1,000 users, 2,000 items, 100,000 events) or ml-25m "
                    + "(25M ratings or events, 162K users, 59K items); default ${DEFAULT-VALUE}")
    String preset;

    @Option(names = "--users", paramLabel = "N", description = "number of users (overrides the preset)")
    Integer users;

    @Option(names = "--items", paramLabel = "N", description = "number of items (overrides the preset)")
    Integer items;

    @Option(names = "--ratings", paramLabel = "N", description = "number of ratings (--kind ratings; overrides the preset)")
    Long ratings;

    @Option(names = "--events", paramLabel = "N", description = "number of events (--kind events; overrides the preset)")
    Long events;

    @Option(names = "--parquet", description = "--kind events: also write events.parquet and items.parquet (through DuckDB)")
    boolean parquet;

    @Option(names = "--postgres-script", description = "--kind events: also write load-postgres.sql, which creates the "
            + "tables and loads the CSV files: cd DIR && psql -v ON_ERROR_STOP=1 -f load-postgres.sql")
    boolean postgresScript;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        boolean largePreset = switch (preset.toLowerCase(Locale.ROOT)) {
            case "small" -> false;
            case "ml-25m" -> true;
            default -> throw new ParameterException(spec.commandLine(), "unknown --preset '" + preset + "': use small or ml-25m");
        };
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "ratings" -> {
                rejectEventFlags();
                SyntheticMovieLens.Options options = largePreset ? SyntheticMovieLens.Options.ml25mScale()
                        : SyntheticMovieLens.Options.defaults();
                options = options.withSize(users != null ? users : options.users(), items != null ? items : options.items(),
                        ratings != null ? ratings : options.ratings()).withSeed(seed);
                generate(options, out);
            }
            case "events" -> {
                if (ratings != null) {
                    throw new ParameterException(spec.commandLine(), "--ratings is for --kind ratings; use --events N");
                }
                SyntheticStoreEvents.Options options = largePreset ? SyntheticStoreEvents.Options.ml25mScale()
                        : SyntheticStoreEvents.Options.defaults();
                options = options.withSize(users != null ? users : options.users(), items != null ? items : options.items(),
                        events != null ? events : options.events()).withSeed(seed);
                generateEvents(options);
            }
            default -> throw new ParameterException(spec.commandLine(), "unknown --kind '" + kind + "': use ratings or events");
        }
        return 0;
    }

    private void rejectEventFlags() {
        if (events != null || parquet || postgresScript) {
            throw new ParameterException(spec.commandLine(),
                    "--events, --parquet and --postgres-script are for --kind events");
        }
    }

    private void generateEvents(SyntheticStoreEvents.Options options) throws IOException {
        long start = System.nanoTime();
        SyntheticStoreEvents.Summary summary;
        try (CountProgress progress = new CountProgress("generate", " events", 1, options.events())) {
            summary = new SyntheticStoreEvents(options).generate(out, done -> progress.update(done, options.events()));
        }
        System.out.printf(Locale.ROOT, "wrote %,d events (%,d views, %,d carts, %,d purchases) by %,d users on %,d items "
                        + "to %s (%.1f s, seed %d)%n", summary.events(), summary.views(), summary.carts(),
                summary.purchases(), summary.users(), summary.items(), out, (System.nanoTime() - start) / 1e9,
                options.seed());
        if (parquet) {
            for (String csv : new String[] {SyntheticStoreEvents.EVENTS_FILE, SyntheticStoreEvents.ITEMS_FILE}) {
                Path target = out.resolve(csv.replace(".csv", ".parquet"));
                long rows = DuckDb.csvToParquet(out.resolve(csv), target);
                System.out.printf(Locale.ROOT, "wrote %,d rows to %s%n", rows, target);
            }
        }
        if (postgresScript) {
            System.out.println("wrote " + SyntheticStoreEvents.writePostgresScript(out)
                    + " (run it from that folder: psql -v ON_ERROR_STOP=1 -f " + SyntheticStoreEvents.POSTGRES_SCRIPT_FILE + ")");
        }
    }

    static SyntheticMovieLens.Summary generate(SyntheticMovieLens.Options options, Path out) throws IOException {
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
