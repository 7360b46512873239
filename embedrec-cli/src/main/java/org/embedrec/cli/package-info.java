/**
 * The {@code embedrec} command line: {@link org.embedrec.cli.Main} and one picocli class per
 * subcommand ({@code download}, {@code generate}, {@code explore}, {@code train}, {@code evaluate},
 * {@code predict}, {@code recommend}, {@code similar}, {@code demo}). Commands are thin layers over
 * the library; shared flag groups ({@code DataFlags}, {@code TrainingFlags}, {@code ModelFlags}) live
 * here too, while the split text is core's {@link org.embedrec.data.SplitSpec}. Only this module prints.
 */
package org.embedrec.cli;
