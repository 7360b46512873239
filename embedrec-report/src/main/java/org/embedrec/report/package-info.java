/**
 * Pictures and the HTML report of a fitted model, on top of {@code org.embedrec.analysis}.
 *
 * <ul>
 *   <li>{@link org.embedrec.report.Charts}: headless XChart charts (training curves, predicted vs.
 *       true scatter, histograms, PCA scatter with labelled titles, t-SNE map by group) and PNG output.</li>
 *   <li>{@link org.embedrec.report.ModelReport}: one self-contained offline HTML page (data summary,
 *       training history, metrics against baselines, plots, bias rankings, PCA tables, example
 *       recommendations and similar items), with its PNGs beside it.</li>
 * </ul>
 */
package org.embedrec.report;
