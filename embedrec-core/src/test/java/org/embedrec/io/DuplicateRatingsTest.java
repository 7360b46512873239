package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.embedrec.data.IdIndex;
import org.embedrec.data.Ratings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link DuplicateRatings}: merging repeated pairs against a naive map-based merge written here. */
class DuplicateRatingsTest {
    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (DuplicateRatings.Merge how : DuplicateRatings.Merge.values()) {
            for (long seed = 1; seed <= 4; seed++) {
                cases.add(Arguments.of(how, seed, false));
                cases.add(Arguments.of(how, seed, true));
            }
        }
        return cases;
    }

    /**
     * Users and items drawn from few ids so that many pairs repeat; values with fractions so that sums
     * round; with {@code grouped}, each user's rows are neighbours (users ascending), as in a log written
     * user by user.
     */
    private static Ratings random(long seed, boolean grouped) {
        Random random = new Random(seed);
        int users = 1 + random.nextInt(20);
        int items = 1 + random.nextInt(15);
        int n = 1 + random.nextInt(400);
        int[] user = new int[n];
        int[] item = new int[n];
        float[] rating = new float[n];
        long[] time = new long[n];
        for (int row = 0; row < n; row++) {
            user[row] = random.nextInt(users);
            item[row] = random.nextInt(items);
            rating[row] = random.nextInt(50) / 7f + 0.1f;
            time[row] = row * 10L + random.nextInt(10);
        }
        if (grouped) {
            java.util.Arrays.sort(user);
        }
        return Ratings.of(ids("u", users), ids("i", items), user, item, rating, time);
    }

    private static IdIndex ids(String prefix, int count) {
        return IdIndex.of(IntStream.range(0, count).mapToObj(k -> prefix + k).toList());
    }

    /** Each pair's rows in row order; a pair is kept at its last row, in row order of those last rows. */
    private static List<String> naive(Ratings ratings, DuplicateRatings.Merge how) {
        Map<Long, List<Integer>> rowsOfPair = new LinkedHashMap<>();
        for (int row = 0; row < ratings.size(); row++) {
            rowsOfPair.computeIfAbsent(((long) ratings.user(row) << 32) | ratings.item(row), k -> new ArrayList<>()).add(row);
        }
        List<Integer> lastRows = rowsOfPair.values().stream().map(rows -> rows.get(rows.size() - 1)).sorted().toList();
        List<String> merged = new ArrayList<>();
        for (int last : lastRows) {
            List<Integer> rows = rowsOfPair.get(((long) ratings.user(last) << 32) | ratings.item(last));
            double sum = 0;
            for (int row : rows) {
                sum += ratings.rating(row);
            }
            float value = switch (how) {
                case LAST -> ratings.rating(last);
                case SUM -> (float) sum;
                case MEAN -> (float) (sum / rows.size());
            };
            merged.add(ratings.user(last) + "," + ratings.item(last) + "," + value + "," + ratings.timestamp(last));
        }
        return merged;
    }

    private static List<String> rows(Ratings ratings) {
        return IntStream.range(0, ratings.size())
                .mapToObj(row -> ratings.user(row) + "," + ratings.item(row) + "," + ratings.rating(row) + "," + ratings.timestamp(row))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void mergeMatchesTheNaiveMerge(DuplicateRatings.Merge how, long seed, boolean grouped) {
        Ratings ratings = random(seed, grouped);
        List<String> expected = naive(ratings, how);
        assertThat(DuplicateRatings.anyRepeated(ratings)).isEqualTo(expected.size() < ratings.size());
        assertThat(rows(DuplicateRatings.merge(ratings, how))).isEqualTo(expected);
    }
}
