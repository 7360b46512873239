/**
 * Item-based nearest neighbours: {@link org.embedrec.family.knn.ItemKnnTrainer} keeps each item's most
 * similar items by cosine with shrinkage in one pass; {@link org.embedrec.family.knn.ItemKnnModel}
 * scores a user by summing the similarities of the items they liked, so a new user folds in at once.
 * Preset {@code item-knn}. The first family added as one package plus one registration line.
 */
package org.embedrec.family.knn;
