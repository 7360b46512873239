package org.embedrec.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.family.ials.IalsModel;
import org.embedrec.io.DataFormatException;
import org.embedrec.io.DataLoader;
import org.embedrec.io.DataSpec;
import org.embedrec.io.ModelFiles;
import org.embedrec.io.MovieLens;
import org.embedrec.spark.jobs.SparkJobs;
import org.embedrec.synth.SyntheticStoreEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One generated store log read by Spark as CSV and as Parquet (written by Spark) gives core's data set:
 * the same interactions in the same order, the same user and item ids and indices, so the same
 * fingerprint; and a bad value is named as core names it.
 */
class SparkInteractionsTest {
    private static final Map<String, Object> WEIGHTS = Map.of("view", 1, "cart", 3, "purchase", 5);
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static Dataset core;

    @BeforeAll
    static void generateAndLoadWithCore() throws IOException {
        spark = LocalSpark.start();
        new SyntheticStoreEvents(SyntheticStoreEvents.Options.defaults().withSize(150, 200, 4_000).withSeed(7)).generate(dir);
        core = DataLoader.load(spec("events.csv"), MovieLens.CachePolicy.NEVER).dataset();
        // Parquet as a cluster would hold it: Spark's own part files, the timestamp a typed long column.
        spark.read().option("header", "true").csv(dir.resolve("events.csv").toString())
                .withColumn("timestamp", col("timestamp").cast(DataTypes.LongType))
                .coalesce(1).write().parquet(dir.resolve("events.parquet").toString());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** The generated log's mapping, with its item catalogue; {@code extra} keys added. */
    private static DataSpec spec(String source, Object... extra) {
        Map<String, Object> map = new LinkedHashMap<>(Map.of("source", source,
                "columns", Map.of("user", "user_id", "item", "item_id"), "event-weights", WEIGHTS,
                "items", Map.of("source", "items.csv", "id", "item_id")));
        for (int k = 0; k < extra.length; k += 2) {
            map.put((String) extra[k], extra[k + 1]);
        }
        return DataSpec.fromMap(map, dir);
    }

    /** The rows Spark read, in its row order, as core's ratings with Spark's indices. */
    private static Ratings collected(IndexedRatings indexed) {
        Ratings.Builder builder = Ratings.builder();
        for (Row row : indexed.rows().orderBy(SparkRatings.LINE)
                .select(IndexedRatings.USER_INDEX, IndexedRatings.ITEM_INDEX, SparkRatings.RATING, SparkRatings.TIMESTAMP)
                .collectAsList()) {
            builder.add(row.getInt(0), row.getInt(1), row.getFloat(2), row.getLong(3));
        }
        return builder.build(indexed.users(), indexed.items());
    }

    @Test
    void csvAndSparkWrittenParquetGiveCoresDataSet() {
        for (String source : List.of("events.csv", "events.parquet")) {
            SparkInteractions.Loaded loaded = SparkInteractions.read(spark, spec(source), source.endsWith(".csv") ? "csv" : "parquet");
            Ratings ratings = collected(loaded.ratings());

            assertThat(loaded.implicit()).as(source).isTrue();
            assertThat(ratings.size()).as(source).isEqualTo(core.ratings().size());
            assertThat(loaded.ratings().users().ids()).as(source).isEqualTo(core.ratings().users().ids());
            assertThat(loaded.ratings().items().ids()).as(source).isEqualTo(core.ratings().items().ids());
            assertThat(ratings.fingerprint()).as(source).isEqualTo(core.ratings().fingerprint());
            assertThat(loaded.ratings().catalog().title(0)).isEqualTo(core.catalog().title(0));
        }
    }

    @Test
    void jsonLinesAndAGlobOfFilesGiveCoresDataSetToo() throws IOException {
        spark.read().option("header", "true").csv(dir.resolve("events.csv").toString())
                .withColumn("timestamp", col("timestamp").cast(DataTypes.LongType))
                .coalesce(1).write().json(dir.resolve("events-json").toString());
        // The second file is the larger, so Spark's packing (largest first) meets it first: the order must come from the paths.
        List<String> lines = Files.readAllLines(dir.resolve("events.csv"));
        int cut = lines.size() / 3;
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.write(logs.resolve("events-a.csv"), lines.subList(0, cut));
        List<String> rest = new java.util.ArrayList<>(List.of(lines.get(0)));
        rest.addAll(lines.subList(cut, lines.size()));
        Files.write(logs.resolve("events-b.csv"), rest);

        for (String source : List.of("events-json/*.json", "logs/events-*.csv")) {
            SparkInteractions.Loaded loaded = SparkInteractions.read(spark, spec(source), source.endsWith(".json") ? "jsonl" : "csv");

            assertThat(loaded.ratings().users().ids()).as(source).isEqualTo(core.ratings().users().ids());
            assertThat(collected(loaded.ratings()).fingerprint()).as(source).isEqualTo(core.ratings().fingerprint());
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = SparkJobs.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int status = line.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void trainAlsReadsTheLogByFlagsAndByASpecFileToCoresIds() throws IOException {
        Path yaml = dir.resolve("events-parquet.yaml");
        Files.writeString(yaml, """
                source: events.parquet
                columns: {user: user_id, item: item_id}
                event-weights: {view: 1, cart: 3, purchase: 5}
                """);
        Path byFlags = dir.resolve("flags.safetensors");
        Path bySpec = dir.resolve("spec.safetensors");

        Run flags = run("train-als", "--data", dir.resolve("events.csv").toString(), "--user-col", "user_id", "--item-col", "item_id",
                "--event-weights", "view=1,cart=3,purchase=5", "--item-metadata", dir.resolve("items.csv").toString(),
                "--split", "none", "--implicit", "--rank", "3", "--iterations", "2", "--out", byFlags.toString());
        Run specFile = run("train-als", "--data", yaml.toString(), "--split", "none", "--implicit", "--rank", "3", "--iterations", "2",
                "--out", bySpec.toString());
        Run explicit = run("train-als", "--data", yaml.toString(), "--rank", "3", "--out", dir.resolve("no.safetensors").toString());

        String loaded = String.format(Locale.ROOT, "loaded %,d interactions (implicit), %,d users", core.ratings().size(),
                core.ratings().userCount());
        assertThat(flags.status()).as(flags.err()).isZero();
        assertThat(flags.out()).contains(loaded);
        assertThat(specFile.status()).as(specFile.err()).isZero();
        assertThat(specFile.out()).contains(loaded);
        IalsModel model = ModelFiles.load(byFlags, IalsModel.class);
        assertThat(model.users().ids()).isEqualTo(core.ratings().users().ids());
        assertThat(model.items().ids()).isEqualTo(core.ratings().items().ids());
        assertThat(model.catalog().title(5)).isEqualTo(core.catalog().title(5));
        assertThat(ModelFiles.load(bySpec, IalsModel.class).users().ids()).isEqualTo(core.ratings().users().ids());

        assertThat(explicit.status()).isEqualTo(1);
        assertThat(explicit.err()).contains("implicit (no rating column)").contains("--implicit");
        assertThat(dir.resolve("no.safetensors")).doesNotExist();
    }

    @Test
    void aBadValueIsNamedByFileRowColumnAndValueOrSkippedAndCountedAsCoreDoes() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "user_id,item_id,event,timestamp\nu1,i1,view,100\nu1,i2,view,101\nu2,i1,click,102\nu2,i3,cart,103\n");
        DataSpec strict = spec("bad.csv");
        DataSpec skipping = spec("bad.csv", "on-bad-row", "skip");

        assertThatThrownBy(() -> SparkInteractions.read(spark, strict, "csv"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("bad.csv, row 3, column \"event\": value \"click\" is not an event type with a weight")
                .hasMessageContaining("in row \"u2,i1,click,102\"")
                .hasMessageContaining("--on-bad-row skip");
        assertThatThrownBy(() -> SparkInteractions.read(spark, spec("absent.csv"), "csv"))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("file not found: " + dir.resolve("absent.csv"));
        SparkInteractions.Loaded skipped = SparkInteractions.read(spark, skipping, "csv");
        DataLoader.Loaded coreSkipped = DataLoader.load(skipping, MovieLens.CachePolicy.NEVER);
        assertThat(skipped.skipped()).isEqualTo(coreSkipped.skipped()).isEqualTo(1);
        assertThat(collected(skipped.ratings()).fingerprint()).isEqualTo(coreSkipped.dataset().ratings().fingerprint());
    }

    @Test
    void explicitRatingsAreCheckedWithCoresScaleRules() throws IOException {
        Path notANumber = dir.resolve("ratings-abc.tsv");
        Files.writeString(notANumber, "user\titem\trating\nu1\ti1\t4\nu2\ti1\tfive\n");
        StringBuilder stray = new StringBuilder("user,item,rating\n");
        for (int row = 0; row < 2_000; row++) {
            stray.append('u').append(row % 50).append(",i").append(row / 50).append(',').append(row == 1_500 ? "100" : 1 + row % 5).append('\n');
        }
        Files.writeString(dir.resolve("stray.csv"), stray);

        assertThatThrownBy(() -> SparkInteractions.read(spark, DataSpec.of(notANumber), "tsv"))
                .hasMessageContaining("ratings-abc.tsv, row 2, column \"rating\": value \"five\" is not a number");
        assertThatThrownBy(() -> SparkInteractions.read(spark, DataSpec.of(dir.resolve("stray.csv")), "csv"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("stray.csv, row 1501, column \"rating\": value \"100")
                .hasMessageContaining("outside the rating scale 1 to 5 in steps of 1 that the other 1999 ratings follow");
        Files.writeString(dir.resolve("twice.csv"), "user,item,rating\nu1,i1,4\nu2,i1,3\nu1,i1,2\nu2,i2,5\n");
        assertThatThrownBy(() -> SparkInteractions.read(spark, DataSpec.of(dir.resolve("twice.csv")), "csv"))
                .hasMessageContaining("twice.csv, row 3: user \"u1\" rates item \"i1\" again (first at twice.csv, row 1: \"u1,i1,4\")");
        DataSpec mean = DataSpec.fromMap(Map.of("source", "twice.csv", "duplicates", "mean"), dir);
        assertThat(collected(SparkInteractions.read(spark, mean, "csv").ratings()).fingerprint())
                .isEqualTo(DataLoader.load(mean, MovieLens.CachePolicy.NEVER).dataset().ratings().fingerprint());
        DataSpec skip = DataSpec.fromMap(Map.of("source", "stray.csv", "on-bad-row", "skip"), dir);
        SparkInteractions.Loaded loaded = SparkInteractions.read(spark, skip, "csv");
        Dataset coreLoaded = DataLoader.load(skip, MovieLens.CachePolicy.NEVER).dataset();
        assertThat(loaded.implicit()).isFalse();
        assertThat(loaded.skipped()).isEqualTo(1);
        assertThat(collected(loaded.ratings()).fingerprint()).isEqualTo(coreLoaded.ratings().fingerprint());
    }
}
