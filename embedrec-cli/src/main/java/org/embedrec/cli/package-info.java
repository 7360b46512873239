/**
 * The {@code embedrec} command line: {@link org.embedrec.cli.Main} and one picocli class per
 * subcommand ({@code download}, {@code generate}, {@code explore}, {@code train}, {@code evaluate},
 * {@code predict}, {@code recommend}, {@code similar}, {@code demo}). Commands are thin layers over
 * the library; shared flag groups ({@code DataFlags}, {@code TrainingFlags}, {@code ModelFlags}) and
 * the split text ({@code SplitSpec}) live here too, and {@code ModelOpener}, which opens a saved model
 * with the data it was trained on (from {@code --data} or the model's provenance). Only this module prints.
 */
package org.embedrec.cli;
