package org.embedrec.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Row lists and their transpose against sets built naively here. */
class InteractionListsTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void rowsAreEachUsersDistinctItemsAndTheTransposeEachItemsUsers(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int users = 12;
        int items = 9;
        List<TreeSet<Integer>> expected = new ArrayList<>();
        Ratings.Builder builder = Ratings.builder();
        for (int user = 0; user < users; user++) {
            expected.add(new TreeSet<>());
            for (int item = 0; item < items; item++) {
                if (random.nextInt(3) == 0) {
                    builder.add(user, item, 1 + random.nextInt(5), 0);
                    expected.get(user).add(item);
                }
            }
        }
        Ratings ratings = builder.build(ids("u", users), ids("i", items));

        int[][] byUser = InteractionLists.byUser(ratings);
        int[][] byItem = InteractionLists.transpose(byUser, items);

        for (int user = 0; user < users; user++) {
            assertThat(byUser[user]).containsExactly(expected.get(user).stream().mapToInt(Integer::intValue).toArray());
        }
        for (int item = 0; item < items; item++) {
            List<Integer> likers = new ArrayList<>();
            for (int user = 0; user < users; user++) {
                if (expected.get(user).contains(item)) {
                    likers.add(user);
                }
            }
            assertThat(byItem[item]).containsExactly(likers.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private static IdIndex ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            ids.add(prefix + k);
        }
        return IdIndex.of(ids);
    }
}
