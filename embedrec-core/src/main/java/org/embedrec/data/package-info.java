/**
 * Rating data in memory, independent of any model: {@link org.embedrec.data.IdIndex} (external id ⇄
 * dense index), {@link org.embedrec.data.Ratings} (columnar ratings) with its per-user view
 * {@link org.embedrec.data.UserRatings}, {@link org.embedrec.data.ItemCatalog} (titles, years,
 * genres) and {@link org.embedrec.data.Dataset}, which ties them together;
 * {@link org.embedrec.data.Splits} (train/test splits: random, per-user, leave-last-out, temporal,
 * k-fold, each seeded where random), {@link org.embedrec.data.SplitSpec} (a split written as text,
 * {@code random:0.1} or {@code user:0.2}, the one syntax of the command line and the Spark jobs) and
 * {@link org.embedrec.data.DatasetSummary} (descriptive
 * statistics printed by {@code embedrec explore}); {@link org.embedrec.data.UserProfiles} (age, gender,
 * occupation and zip code per user, from ML-100K's {@code u.user}); {@link org.embedrec.data.PositiveThreshold}
 * (which ratings count as liked, for implicit-feedback models and ranking metrics);
 * {@link org.embedrec.data.RatingScale} (which ratings are valid: the one check of the loaders, the
 * fold-in and the server).
 *
 * <p>Nothing here knows about models or training; loaders live in {@code org.embedrec.io}.
 */
package org.embedrec.data;
