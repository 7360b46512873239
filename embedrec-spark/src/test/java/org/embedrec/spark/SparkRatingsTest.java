package org.embedrec.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.embedrec.data.Ratings;
import org.embedrec.io.DataFormatException;
import org.embedrec.io.DelimitedRatingsLoader;
import org.embedrec.io.DelimitedRatingsLoader.DuplicatePolicy;
import org.embedrec.io.DelimitedRatingsLoader.Options;
import org.embedrec.io.MovieLens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SparkRatingsTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Rows as "user item rating timestamp" in line order, as core's rows are in row order. */
    private static List<String> rows(Dataset<Row> ratings) {
        List<String> rows = new ArrayList<>();
        for (Row row : ratings.orderBy(SparkRatings.LINE).collectAsList()) {
            rows.add(row.getString(0) + " " + row.getString(1) + " " + row.getFloat(2) + " " + row.getLong(3));
        }
        return rows;
    }

    private static List<String> rows(Ratings ratings) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < ratings.size(); row++) {
            rows.add(ratings.users().id(ratings.user(row)) + " " + ratings.items().id(ratings.item(row)) + " "
                    + ratings.rating(row) + " " + ratings.timestamp(row));
        }
        return rows;
    }

    @Test
    void readsWhatTheCoreLoaderReadsWithLineNumbers() throws IOException {
        Path file = write("ratings.csv", "\uFEFFuserId,movieId,rating,timestamp\n"
                + "1, 31 ,2.5,1260759144\n\n"
                + "1,1029,3,1260759179\n"
                + "7,31,4.5e0,851866703\n");

        Dataset<Row> ratings = SparkRatings.readDelimited(spark, file.toString(), Options.csv());

        assertThat(ratings.schema()).isEqualTo(SparkRatings.SCHEMA);
        assertThat(rows(ratings)).isEqualTo(rows(new DelimitedRatingsLoader(Options.csv()).load(file).ratings()))
                .containsExactly("1 31 2.5 1260759144", "1 1029 3.0 1260759179", "7 31 4.5 851866703");
        assertThat(ratings.orderBy(SparkRatings.LINE).select(SparkRatings.LINE).as(org.apache.spark.sql.Encoders.LONG())
                .collectAsList()).containsExactly(2L, 4L, 5L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1,31,abc,1260759144",      // rating not a number
        "1,31,NaN,1260759144",      // not finite
        "1,31,1e99,1260759144",     // overflows to infinity
        "1,31,0x1p1,1260759144",    // hexadecimal is not a decimal
        "1,31,3.5f,1260759144",     // Java suffixes are not decimals
        "1,31,2.5,12607.59",        // timestamp not an integer
        ",31,2.5,1260759144",       // empty user id
        "1, ,2.5,1260759144",       // empty item id
        "1,31,2.5",                 // too few fields
        "1,31,2.5,1260759144,x",    // too many fields
    })
    void reportsTheFirstBadLineExactlyAsTheCoreLoader(String badLine) throws IOException {
        StringBuilder text = new StringBuilder("userId,movieId,rating,timestamp\n1,1029,3,1260759179\n");
        for (int good = 0; good < 40; good++) {
            text.append(100 + good).append(",5,4,1\n");
        }
        text.append(badLine).append('\n');
        text.append("2,2,x,1\n"); // a later error must not be the one reported
        Path file = write("ratings.csv", text.toString());

        DataFormatException expected = catchThrowableOfType(DataFormatException.class,
                () -> new DelimitedRatingsLoader(Options.csv()).load(file));
        DataFormatException actual = catchThrowableOfType(DataFormatException.class,
                () -> SparkRatings.readDelimited(spark, file.toString(), Options.csv()));

        assertThat(actual).isNotNull();
        assertThat(actual.getMessage()).isEqualTo(expected.getMessage()).startsWith("ratings.csv:43: ");
        assertThat(actual.line()).isEqualTo(43);
        assertThat(actual.text()).isEqualTo(badLine);
    }

    @Test
    void reportsTheFirstRepeatedPairAsTheCoreLoader() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,3,1\n2,2,3,1\n2,1,3,1\n2,2,4,1\n1,1,5,1\n");

        DataFormatException expected = catchThrowableOfType(DataFormatException.class,
                () -> new DelimitedRatingsLoader(Options.csv()).load(file));
        DataFormatException actual = catchThrowableOfType(DataFormatException.class,
                () -> SparkRatings.readDelimited(spark, file.toString(), Options.csv()));

        assertThat(actual.getMessage()).isEqualTo(expected.getMessage())
                .isEqualTo("ratings.csv:5: user \"2\" rates item \"2\" again (first at line 3: \"2,2,3,1\"; choose duplicate"
                        + " policy KEEP_LAST or MEAN to merge repeated ratings) in line \"2,2,4,1\"");
    }

    @Test
    void reportsAFirstLineWithTooFewFieldsAndAFileWithoutRatingsAsTheCoreLoader() throws IOException {
        Path narrow = write("narrow.csv", "userId;movieId;rating\n1;2;3\n");
        Path empty = write("empty.csv", "userId,movieId,rating,timestamp\n\n");
        for (Path file : List.of(narrow, empty)) {
            DataFormatException expected = catchThrowableOfType(DataFormatException.class,
                    () -> new DelimitedRatingsLoader(Options.csv()).load(file));
            DataFormatException actual = catchThrowableOfType(DataFormatException.class,
                    () -> SparkRatings.readDelimited(spark, file.toString(), Options.csv()));
            assertThat(actual.getMessage()).isEqualTo(expected.getMessage());
        }
        DataFormatException missing = catchThrowableOfType(DataFormatException.class,
                () -> SparkRatings.readDelimited(spark, dir.resolve("absent.csv").toString(), Options.csv()));
        assertThat(missing.getMessage()).isEqualTo("file not found: " + dir.resolve("absent.csv"));
    }

    @Test
    void reportsBytesThatAreNotUtf8AtTheirLine() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "userId,movieId,rating,timestamp\n1,2,3,4\n1,caf\u00e9,3,4\n".getBytes(StandardCharsets.ISO_8859_1));

        DataFormatException error = catchThrowableOfType(DataFormatException.class,
                () -> SparkRatings.readDelimited(spark, file.toString(), Options.csv()));

        assertThat(error.line()).isEqualTo(3);
        assertThat(error.getMessage()).startsWith("latin1.csv:3: bytes are not valid UTF-8");
    }

    @ParameterizedTest
    @EnumSource(value = DuplicatePolicy.class, names = {"KEEP_LAST", "MEAN"})
    void mergesRepeatedPairsAsTheCoreLoader(DuplicatePolicy policy) throws IOException {
        Path file = write("r.tsv", "u1\ti1\t1\t10\nu2\ti1\t4\t11\nu1\ti1\t2\t12\nu1\ti2\t5\t13\nu1\ti1\t4.5\t14\n");
        Options options = Options.tsv().withDuplicates(policy);

        Dataset<Row> ratings = SparkRatings.readDelimited(spark, file.toString(), options);

        assertThat(rows(ratings)).isEqualTo(rows(new DelimitedRatingsLoader(options).load(file).ratings()));
    }

    @Test
    void readsTheDatLayoutAndTheMovieCatalogAsTheCoreMovieLensLoader() throws IOException {
        Path release = Files.createDirectory(dir.resolve("ml-1m"));
        Files.write(release.resolve("movies.dat"), ("1::Toy Story (1995)::Animation|Children's|Comedy\n"
                + "2::Caf\u00e9 (1999)::Drama\n3::Heat (1995)::Action|Crime\n").getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(release.resolve("ratings.dat"), "1::2::5::978300760\n1::1::3::978302109\n2::3::4::978301968\n");

        var core = MovieLens.load(release);
        Dataset<Row> ratings = SparkMovieLens.ratings(spark, release.toString());
        IndexedRatings indexed = IndexedRatings.of(ratings, SparkMovieLens.catalog(spark, release.toString()));

        assertThat(SparkMovieLens.layout(spark, release.toString())).isEqualTo(MovieLens.Layout.DAT);
        assertThat(rows(ratings)).isEqualTo(rows(core.ratings()));
        assertThat(indexed.catalog()).isEqualTo(core.catalog());
        assertThat(indexed.users()).isEqualTo(core.ratings().users());
        assertThat(indexed.catalog().title(1)).isEqualTo("Caf\u00e9 (1999)");
    }

    @Test
    void readsMl100kPredefinedSplitsAsTheCoreMovieLensLoader() throws IOException {
        Path release = Files.createDirectory(dir.resolve("ml-100k"));
        Files.writeString(release.resolve("u.genre"), "unknown|0\nDrama|1\n");
        Files.writeString(release.resolve("u.item"), "1|Heat (1995)|01-Jan-1995||x|0|1\n2|Toy Story (1995)|01-Jan-1995||x|0|1\n");
        Files.writeString(release.resolve("u.data"), "196\t1\t3\t881250949\n186\t2\t5\t891717742\n196\t2\t1\t878887116\n22\t1\t4\t878887117\n");
        Files.writeString(release.resolve("u1.base"), "196\t1\t3\t881250949\n186\t2\t5\t891717742\n22\t1\t4\t878887117\n");
        Files.writeString(release.resolve("u1.test"), "196\t2\t1\t878887116\n");
        Files.writeString(release.resolve("u2.base"), "196\t1\t3\t881250949\n943\t1\t3\t881250949\n");
        Files.writeString(release.resolve("u2.test"), "196\t2\t1\t878887116\n");
        var core = MovieLens.predefinedSplit(release, "u1");
        Dataset<Row> ratings = SparkMovieLens.ratings(spark, release.toString());

        SparkSplits.Split split = SparkMovieLens.predefinedSplit(spark, release.toString(), ratings, "u1");

        assertThat(rows(split.train())).isEqualTo(rows(core.train()));
        assertThat(rows(split.test())).isEqualTo(rows(core.test()));
        assertThat(split.train().columns()).isEqualTo(ratings.columns());
        assertThatThrownBy(() -> SparkMovieLens.predefinedSplit(spark, release.toString(), ratings, "u2"))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("u2.base holds 1 rating(s) that u.data lacks");
    }

    @Test
    void readsParquetWithMovieLensColumnNamesAndNamesThePartFileOfABadRow() {
        StructType schema = new StructType().add("userId", DataTypes.IntegerType).add("movieId", DataTypes.IntegerType)
                .add("rating", DataTypes.DoubleType).add("timestamp", DataTypes.LongType);
        String good = dir.resolve("good.parquet").toString();
        spark.createDataFrame(List.of(RowFactory.create(1, 31, 2.5, 100L), RowFactory.create(2, 7, 4.0, 200L)), schema)
                .coalesce(1).write().parquet(good);
        String bad = dir.resolve("bad.parquet").toString();
        spark.createDataFrame(List.of(RowFactory.create(1, 31, 2.5, 100L), RowFactory.create(2, 7, Double.NaN, 200L)), schema)
                .coalesce(1).write().parquet(bad);

        Dataset<Row> ratings = SparkRatings.readParquet(spark, good);
        DataFormatException error = catchThrowableOfType(DataFormatException.class, () -> SparkRatings.readParquet(spark, bad));
        DataFormatException missingColumn = catchThrowableOfType(DataFormatException.class,
                () -> SparkRatings.readParquet(spark, good, "user", "movieId", "rating", null));

        assertThat(ratings.schema()).isEqualTo(SparkRatings.SCHEMA);
        assertThat(rows(ratings)).containsExactly("1 31 2.5 100", "2 7 4.0 200");
        assertThat(error.getMessage()).startsWith("part-").contains(".parquet: row with userId=2, movieId=7, rating=NaN");
        assertThat(missingColumn.getMessage()).isEqualTo(good + " has no column \"user\"; its columns are [userId, movieId, rating, timestamp]");
    }
}
