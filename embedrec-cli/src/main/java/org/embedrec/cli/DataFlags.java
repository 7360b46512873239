package org.embedrec.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.embedrec.data.Dataset;
import org.embedrec.io.MovieLens;
import picocli.CommandLine.Option;

/** The {@code --data DIR} flag: a MovieLens release folder of any layout (detected). */
final class DataFlags {
    @Option(names = {"-d", "--data"}, paramLabel = "DIR", required = true,
            description = "a MovieLens folder: 100K (u.data), 1M/10M (ratings.dat) or CSV (ratings.csv); the layout is detected")
    Path dir;

    Path dir() {
        return dir;
    }

    /** Loads the data set and reports its size on {@code out}. */
    Dataset load(PrintStream out) {
        return loadReporting(dir, out);
    }

    static Dataset loadReporting(Path dir, PrintStream out) {
        long start = System.nanoTime();
        Dataset data = MovieLens.load(dir);
        out.printf(Locale.ROOT, "loaded %s: %,d ratings, %,d users, %,d items (%.2f s)%n", data.name(),
                data.ratings().size(), data.ratings().userCount(), data.ratings().itemCount(),
                (System.nanoTime() - start) / 1e9);
        return data;
    }
}
