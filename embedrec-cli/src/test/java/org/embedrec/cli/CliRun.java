package org.embedrec.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the command line in-process, with what it printed. The commands write to
 * {@code System.out} and {@code System.err} directly, so both are swapped for the run and restored
 * afterwards; tests in this module therefore must not run concurrently.
 *
 * @param status the exit status {@link Main#run} returned
 * @param out everything printed to standard output
 * @param err everything printed to standard error
 */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            status = Main.run(args);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** This run with its output cut before the first line that starts with {@code heading}: one table of several. */
    CliRun before(String heading) {
        int at = out.indexOf(System.lineSeparator() + heading);
        return at < 0 ? this : new CliRun(status, out.substring(0, at + 1), err);
    }

    /** The RMSE column of the row called {@code model} in a printed result table, e.g. "damped biases". */
    double rmse(String model) {
        Matcher row = Pattern.compile("(?m)^" + Pattern.quote(model) + "\\s+(\\d+\\.\\d{4})\\s").matcher(out);
        if (!row.find()) {
            throw new AssertionError("no result row '" + model + "' in:\n" + out);
        }
        double value = Double.parseDouble(row.group(1));
        if (row.find()) {
            throw new AssertionError("two result rows '" + model + "' in:\n" + out);
        }
        return value;
    }

    /**
     * The body rows of the item table printed after the first line starting with {@code heading},
     * each split into its cells (#, score, id, title, genres); cells are separated by two or more
     * spaces, which no fixture title contains.
     */
    List<String[]> tableAfter(String heading) {
        List<String> lines = out.lines().toList();
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith(heading)) {
            at++;
        }
        if (at + 1 >= lines.size() || !lines.get(at + 1).startsWith("#")) {
            throw new AssertionError("no table after '" + heading + "' in:\n" + out);
        }
        List<String[]> rows = new ArrayList<>();
        for (int k = at + 2; k < lines.size() && !lines.get(k).isBlank(); k++) {
            String[] cells = lines.get(k).strip().split("\\s{2,}");
            if (cells.length != 5) {
                throw new AssertionError("expected 5 cells in '" + lines.get(k) + "' but found " + Arrays.toString(cells));
            }
            rows.add(cells);
        }
        return rows;
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
