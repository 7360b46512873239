/**
 * The {@code embedrec} command line: {@link org.embedrec.cli.Main} and one picocli class per
 * subcommand: {@code download}, {@code generate}, {@code explore}, {@code train}, {@code compare},
 * {@code tune}, {@code evaluate}, {@code predict}, {@code recommend}, {@code similar}, {@code demo},
 * {@code serve}, {@code report}, {@code analyze} (with its subcommands {@code bias}, {@code pca},
 * {@code tsne}, {@code neighbours}, {@code export-projector}, {@code tensorboard}) and {@code bench}.
 * Commands are thin layers over the library; shared flag groups ({@code DataFlags},
 * {@code TrainingFlags}, {@code ModelFlags}, {@code ListingFlags}, {@code ImplicitFlags}) and the text
 * forms of library results ({@code EvaluationTables}, {@code DatasetSummaryText}, {@code ItemTable},
 * {@code TextTable}) live here too, and {@code ModelOpener}, which opens a saved model with the data it
 * was trained on (from {@code --data} or the model's provenance). The split text is core's
 * {@link org.embedrec.data.SplitSpec}. Only this module prints.
 */
package org.embedrec.cli;
