package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public line parser on its own; {@link DelimitedRatingsLoaderTest} checks the same rules through
 * whole files, which the loader reads with this parser when they are not plain.
 */
class RatingLineParserTest {

    @Test
    void aGoodLineGivesItsTrimmedFields() {
        RatingLineParser parser = new RatingLineParser(DelimitedRatingsLoader.Options.csv());

        assertThat(parser.parse(1, "userId,movieId,rating,timestamp", true)).isNull();
        assertThat(parser.parse(2, " u1 , m 9 ,3.5, 1260759144 ", false)).isNull();

        assertThat(parser.user()).isEqualTo("u1");
        assertThat(parser.item()).isEqualTo("m 9");
        assertThat(parser.rating()).isEqualTo(3.5f);
        assertThat(parser.timestamp()).isEqualTo(1260759144L);
        assertThat(parser.field(3)).isEqualTo("1260759144");
    }

    @Test
    void absentColumnsGiveRatingOneAndTimestampZero() {
        RatingLineParser parser = new RatingLineParser(DelimitedRatingsLoader.Options.tsv()
                .withColumns(1, 0, DelimitedRatingsLoader.Options.ABSENT, DelimitedRatingsLoader.Options.ABSENT));

        assertThat(parser.parse(1, "item7\tuser3", false)).isNull();

        assertThat(parser.user()).isEqualTo("user3");
        assertThat(parser.item()).isEqualTo("item7");
        assertThat(parser.rating()).isEqualTo(1f);
        assertThat(parser.timestamp()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1,2,3|found 3 field(s) separated by \",\" but line 1 has 4",
        "1,2,3,4,5|found 5 field(s) separated by \",\" but line 1 has 4",
        " ,2,3,4|empty user id",
        "1,,3,4|empty item id",
        "1,2,abc,4|rating \"abc\" is not a number",
        "1,2,0x1p3,4|rating \"0x1p3\" is not a number",
        "1,2,NaN,4|rating \"NaN\" in column 3 is not a finite number",
        "1,2,1e99,4|rating \"1e99\" in column 3 is outside the rating scale -1000000 to 1000000",
        "1,2,3,4.5|timestamp \"4.5\" is not an integer"})
    void aBadLineGivesItsProblem(String line, String problem) {
        RatingLineParser parser = new RatingLineParser(DelimitedRatingsLoader.Options.csv());
        assertThat(parser.parse(1, "userId,movieId,rating,timestamp", true)).isNull();

        assertThat(parser.parse(2, line, false)).isEqualTo(problem);
    }

    @Test
    void aFirstLineWithTooFewFieldsNamesTheColumns() {
        RatingLineParser parser = new RatingLineParser(DelimitedRatingsLoader.Options.tsv());

        assertThat(parser.parse(3, "1\t2", false))
                .isEqualTo("found 2 field(s) separated by \"\t\" but the columns (user 0, item 1, rating 2, timestamp 3) need 4");
    }

    @Test
    void aSerializedCopyKeepsTheFirstLinesFieldCount() throws IOException, ClassNotFoundException {
        RatingLineParser parser = new RatingLineParser(DelimitedRatingsLoader.Options.tsv().withSeparator("::"));
        assertThat(parser.parse(1, "1::2::3::4::extra", false)).isNull();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(parser);
        }
        RatingLineParser copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RatingLineParser) in.readObject();
        }

        assertThat(copy.parse(7, "5::6::4.5::8", false)).isEqualTo("found 4 field(s) separated by \"::\" but line 1 has 5");
        assertThat(copy.parse(8, "5::6::4.5::8::x", false)).isNull();
        assertThat(copy.rating()).isEqualTo(4.5f);
    }
}
