/**
 * The entdist command line: picocli commands that compose a corpus, the feature pipeline and the
 * trainer, plus the model-file and chart plumbing that only the command line needs. Errors the
 * user can fix are {@link dev.entdist.cli.UserException}s and print as one line.
 */
package dev.entdist.cli;
