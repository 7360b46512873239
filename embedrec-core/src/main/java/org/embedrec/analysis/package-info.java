/**
 * Looking inside fitted models: what the tutorials do with their trained embeddings, as library
 * calls that work on any {@link org.embedrec.model.EmbeddingModel} or
 * {@link org.embedrec.model.Recommender} and never on training code.
 *
 * <ul>
 *   <li>{@link org.embedrec.analysis.BiasRanking}: items with the highest and lowest learned bias
 *       among those with enough ratings (needs the {@link org.embedrec.model.ItemBiases} capability).</li>
 *   <li>{@link org.embedrec.analysis.EmbeddingPca}: principal components of item vectors (EJML SVD),
 *       explained variance and the items at both ends of each component.</li>
 *   <li>{@link org.embedrec.analysis.Tsne}: 2-D t-SNE maps, exact or Barnes-Hut.</li>
 *   <li>{@link org.embedrec.analysis.SimilarityProfile}: cosine similarity of one item against all,
 *       its nearest neighbours and {@link org.embedrec.analysis.Histogram}.</li>
 *   <li>{@link org.embedrec.analysis.ProjectorExport}: files for the TensorBoard Embedding Projector.</li>
 *   <li>{@link org.embedrec.analysis.TensorBoardEvents}: the training history as TensorBoard scalar
 *       event files (TFRecord framing, hand-written Event protobuf).</li>
 * </ul>
 *
 * {@link org.embedrec.analysis.EmbeddingTable} gathers the vectors these analyses share.
 */
package org.embedrec.analysis;
