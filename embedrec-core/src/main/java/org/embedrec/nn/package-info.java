/**
 * Neural-network building blocks on flat float arrays, each with a forward pass and a hand-derived
 * backward pass: {@link org.embedrec.nn.Dense} layers, {@link org.embedrec.nn.Activations} (ReLU,
 * sigmoid), the {@link org.embedrec.nn.SigmoidRange} output, inverted {@link org.embedrec.nn.Dropout},
 * {@link org.embedrec.nn.Embeddings} lookups, the losses {@link org.embedrec.nn.RatingLoss} (MSE,
 * MAE, binary cross-entropy on ratings scaled to [0, 1]) and {@link org.embedrec.nn.SoftmaxCrossEntropy},
 * the {@link org.embedrec.nn.Mlp} stack that composes them, and the {@link org.embedrec.nn.QuantileTransform}
 * used for item features.
 *
 * <p>Fitted models ({@code org.embedrec.model}) use the forward passes for scoring; trainers
 * ({@code org.embedrec.train}) use both passes. The package depends on no other embedrec package.
 * Every function works in place on caller-owned arrays at given offsets, so that a training loop
 * allocates nothing per example.
 */
package org.embedrec.nn;
