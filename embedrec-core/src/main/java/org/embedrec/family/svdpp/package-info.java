/**
 * SVD++ (Koren 2008): {@link org.embedrec.family.svdpp.SvdppTrainer} (SGD with the ratings grouped
 * by user, so each user's implicit sum is computed once per epoch) fits an
 * {@link org.embedrec.family.svdpp.SvdppModel} (biased MF plus the implicit factors of the items a
 * user rated), which folds in new users by ridge regression
 * ({@link org.embedrec.family.svdpp.SvdppFoldIn}). Preset {@code svdpp}.
 */
package org.embedrec.family.svdpp;
