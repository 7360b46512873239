package org.embedrec.model;

/**
 * An item index with a score: a predicted rating, a ranking score or a similarity.
 *
 * @param item dense item index
 * @param score the score; higher is better
 */
public record ScoredItem(int item, float score) {
}
