package dev.entdist.cli;

import dev.entdist.trainer.UnknownLabelPolicy;
import dev.entdist.trainer.UnknownLabelsException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --unknown-labels fail|skip} of the commands that score held-out occurrences. */
final class UnknownLabelsOption {

  @Option(names = "--unknown-labels", paramLabel = "fail|skip", defaultValue = "fail",
      converter = PolicyConverter.class,
      description = "What to do with held-out occurrences that carry labels the model does not"
          + " know: fail (default) refuses and names them; skip evaluates the other occurrences"
          + " and reports how many it skipped.")
  UnknownLabelPolicy policy = UnknownLabelPolicy.FAIL;

  /** The one-line error for {@code e}: the labels, how many occurrences, and the two ways out. */
  static UserException error(UnknownLabelsException e, String data, String model) {
    return new UserException(data + ": " + e.rows() + " occurrence(s) carry label(s) "
        + e.labels() + " that model " + model + " does not know (the first is occurrence "
        + (e.firstRow() + 1) + "); declare them when training (entdist train --labels FILE), or"
        + " evaluate the other occurrences with --unknown-labels skip", e);
  }

  /** Converts a policy name, turning a bad one into a usage error (exit 2). */
  static final class PolicyConverter implements CommandLine.ITypeConverter<UnknownLabelPolicy> {
    @Override
    public UnknownLabelPolicy convert(String value) {
      try {
        return UnknownLabelPolicy.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
