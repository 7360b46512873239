/**
 * Synthetic MovieLens-style data: {@link org.embedrec.synth.SyntheticMovieLens} writes
 * {@code ratings.csv} and {@code movies.csv} in the MovieLens CSV release layout from a planted
 * model (popularity skew, heavy-tailed user activity, biases, genre tastes and latent factors), at
 * any scale from a unit-test fixture to ML-25M size, deterministically from a seed.
 * {@link org.embedrec.synth.SyntheticStoreEvents} writes a store's implicit log instead
 * ({@code events.csv} of views, carts and purchases with timestamps, {@code items.csv} with
 * categories, price bands, prices and tags, {@code users.csv}), with planted category preferences
 * and a view → cart → purchase funnel, for the generic loaders and the "bring your own data" paths.
 *
 * <p>Use it to test loaders and trainers, to time them at scale, and to check that a model
 * recovers planted structure, without downloading or redistributing real data. The package writes
 * files only and depends on nothing else in embedrec.
 */
package org.embedrec.synth;
