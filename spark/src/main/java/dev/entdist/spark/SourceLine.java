package dev.entdist.spark;

import java.io.Serializable;

/**
 * One line of an input file as a partition holds it.
 *
 * @param source the file, as error messages name it
 * @param number the 1-based line number in that file
 * @param text the line, without its terminator
 */
public record SourceLine(String source, long number, String text) implements Serializable {}
