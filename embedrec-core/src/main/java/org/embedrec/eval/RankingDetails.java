package org.embedrec.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link RankingResult} with what its means are made of ({@link RankingMetrics#evaluateUsers}).
 *
 * @param result the aggregate figures, the same as {@link RankingMetrics#evaluate}'s
 * @param perUser every user's figures by the names of {@link RankingResult#toMap()} (all but coverage)
 * @param lists every user's top-K list in rank order (item indices), {@code null} for users that were
 *     not evaluated; the arrays are shared, not copied
 */
public record RankingDetails(RankingResult result, Map<String, PerUser> perUser, int[][] lists) {
    /** Rejects nulls and keeps an unmodifiable copy of the map. */
    public RankingDetails {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(lists, "lists");
        perUser = Collections.unmodifiableMap(new LinkedHashMap<>(perUser));
    }
}
