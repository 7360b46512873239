package org.embedrec.family.bpr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The negative samplers' distributions, checked by counting many draws on seeded random data. */
class NegativeSamplerTest {
    private static final int DRAWS = 200_000;

    /** Random data where item 0 has no interaction (so it is not sampled) and popularity varies. */
    private static Ratings data(long seed) {
        Ratings random = RatingFixtures.random(seed, 8, 12, 40);
        int[] rows = java.util.stream.IntStream.range(0, random.size()).filter(r -> random.item(r) != 0).toArray();
        return random.subset(rows);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void uniformDrawsEveryItemWithDataEquallyOften(long seed) {
        Ratings data = data(seed);
        int[] interactions = data.itemCounts();
        NegativeSampler sampler = new NegativeSampler(NegativeSampling.UNIFORM, 0, data, interactions);
        int[] counts = draw(sampler, 0, seed);
        int items = (int) java.util.Arrays.stream(interactions).filter(c -> c > 0).count();
        for (int item = 0; item < counts.length; item++) {
            if (interactions[item] == 0) {
                assertThat(counts[item]).as("item %d has no data", item).isZero();
            } else {
                assertThat(counts[item] / (double) DRAWS).as("item %d", item).isCloseTo(1.0 / items,
                        org.assertj.core.api.Assertions.within(0.01));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void excludingPositivesNeverDrawsAPositiveAndIsUniformOverTheRest(long seed) {
        Ratings data = data(seed);
        int[] interactions = data.itemCounts();
        NegativeSampler sampler = new NegativeSampler(NegativeSampling.UNIFORM_EXCLUDING_POSITIVES, 0, data, interactions);
        int checked = 0;
        for (int user = 0; user < data.userCount(); user++) {
            java.util.Set<Integer> liked = new java.util.HashSet<>();
            for (int item : data.byUser().items(user)) {
                liked.add(item);
            }
            long known = java.util.Arrays.stream(interactions).filter(c -> c > 0).count();
            if (liked.size() > known / 2) {
                continue; // rejection may give up (after 32 draws) for a user who liked most items
            }
            checked++;
            int[] counts = draw(sampler, user, seed + user);
            long allowed = java.util.stream.IntStream.range(0, interactions.length)
                    .filter(i -> interactions[i] > 0 && !liked.contains(i)).count();
            for (int item = 0; item < counts.length; item++) {
                if (interactions[item] == 0 || liked.contains(item)) {
                    assertThat(counts[item]).as("user %d, item %d", user, item).isZero();
                    assertThat(sampler.isPositive(user, item)).isEqualTo(liked.contains(item));
                } else {
                    assertThat(counts[item] / (double) DRAWS).isCloseTo(1.0 / allowed,
                            org.assertj.core.api.Assertions.within(0.012));
                }
            }
        }
        assertThat(checked).as("users checked").isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.75, 1})
    void popularityDrawsInProportionToInteractionsToThePower(double exponent) {
        Ratings data = data(5);
        int[] interactions = data.itemCounts();
        NegativeSampler sampler = new NegativeSampler(NegativeSampling.POPULARITY, exponent, data, interactions);
        int user = 0;
        java.util.Set<Integer> liked = new java.util.HashSet<>();
        for (int item : data.byUser().items(user)) {
            liked.add(item);
        }
        double total = 0;
        for (int item = 0; item < interactions.length; item++) {
            if (interactions[item] > 0 && !liked.contains(item)) {
                total += Math.pow(interactions[item], exponent);
            }
        }
        int[] counts = draw(sampler, user, 9);
        for (int item = 0; item < counts.length; item++) {
            double expected = interactions[item] > 0 && !liked.contains(item) ? Math.pow(interactions[item], exponent) / total : 0;
            assertThat(counts[item] / (double) DRAWS).as("item %d with %d interactions", item, interactions[item])
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(0.01));
        }
    }

    private static int[] draw(NegativeSampler sampler, int user, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[12];
        for (int k = 0; k < DRAWS; k++) {
            counts[sampler.sample(user, random)]++;
        }
        return counts;
    }
}
