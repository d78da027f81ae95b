package dev.entdist.cli;

import dev.entdist.corpora.aggregate.AggregationMethod;
import picocli.CommandLine;

/**
 * Converts an aggregation method's name ({@code corpus aggregate --method}, {@code train} and
 * {@code compare --aggregate}), turning a bad one into a usage error (exit 2).
 */
final class AggregationMethodConverter implements CommandLine.ITypeConverter<AggregationMethod> {
  @Override
  public AggregationMethod convert(String value) {
    try {
      return AggregationMethod.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
