/**
 * Embarrassingly shallow autoencoders (Steck 2019): {@link org.embedrec.family.ease.EaseTrainer} solves
 * for a dense item-item weight matrix with a zero diagonal in closed form (a Cholesky inverse in item or
 * user space, whichever is smaller) and refuses catalogues whose matrix would not fit;
 * {@link org.embedrec.family.ease.EaseModel} scores a user as their row of positives times that matrix,
 * so a new user folds in at once. Preset {@code ease}.
 */
package org.embedrec.family.ease;
