/**
 * The neural rating models: user ⊕ item embeddings (⊕ item features) through an MLP, one
 * {@link org.embedrec.family.neural.ConcatenationNetwork}. {@link org.embedrec.family.neural.DeepRatingTrainer}
 * and {@link org.embedrec.family.neural.HybridRatingTrainer} (with {@link org.embedrec.family.neural.ItemFeature}s)
 * predict a rating, {@link org.embedrec.family.neural.RatingClassifierTrainer} a softmax over the rating
 * levels; their options share {@link org.embedrec.family.neural.NetworkOptions} and
 * {@link org.embedrec.family.neural.RegressionOutput}. New users fold in by gradient descent on their
 * embedding ({@link org.embedrec.family.neural.NeuralFoldIn}). Presets {@code deep}, the tutorials'
 * {@code recommender-net}, {@code fastai} and {@code deep-regression}, {@code hybrid} and {@code classifier}.
 */
package org.embedrec.family.neural;
