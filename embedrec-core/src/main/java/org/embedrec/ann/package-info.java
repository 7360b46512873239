/**
 * Approximate nearest-neighbour search over a model's item vectors, for catalogues where scoring
 * every item per request is too slow: {@link org.embedrec.ann.HnswGraph} (a hierarchical navigable
 * small world graph searched by inner product, with filters applied during the search) and
 * {@link org.embedrec.ann.ItemIndex} (recommendations of a {@link org.embedrec.model.DotProductModel}
 * by maximum inner product and similar items by cosine, stored beside the model file and refused
 * when stale).
 *
 * <p>Depends on the model and io packages only; nothing at training time uses it.
 */
package org.embedrec.ann;
