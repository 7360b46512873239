package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseYearsTest {
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = ';', value = {
        "Toy Story (1995);1995",
        "Toy Story (1995)   ;1995",
        "American President, The (1995);1995",
        "Dracula (Bram Stoker's Dracula) (1992);1992",
        "Babylon 5 (1994-1998);1994",
        "Dexter (2006\u20132013);2006",
        "Ongoing Show (2007-);2007",
        "Ready Player One;0",
        "Stranger Things;0",
        "Shadows (a.k.a. Cien);0",
        "Movie (19955);0",
        "Movie (95);0",
        "Movie (199a);0",
        "Movie (1995) extra;0",
        "unknown;0",
        "'';0",
    })
    void yearFromTitle(String title, int year) {
        assertThat(ReleaseYears.fromTitle(title)).isEqualTo(year);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = ';', value = {
        "01-Jan-1995;1995",
        "  22-Mar-1996 ;1996",
        "1997;1997",
        "'';0",
        "Jan-95;0",
        "01-Jan-19x5;0",
        "01/01/1995;0",
    })
    void yearFromReleaseDate(String date, int year) {
        assertThat(ReleaseYears.fromReleaseDate(date)).isEqualTo(year);
    }
}
