package dev.entdist.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The ranges of the numeric options, checked once for every command before it runs: a value out
 * of range is a usage error (exit 2) in the option's own words, e.g. {@code --threads 0: need a
 * whole number from 1 to 256}, never a failed run naming an internal field.
 */
final class OptionRules {

  /** The most threads a command may start (more only costs memory and start-up time). */
  static final int MAX_THREADS = 256;

  private record Rule(double min, double max, boolean whole, String words) {}

  private static final Map<String, Rule> RULES = Map.ofEntries(
      Map.entry("--threads", whole(1, MAX_THREADS)),
      Map.entry("--max-iter", whole(1, Integer.MAX_VALUE)),
      Map.entry("--epochs", whole(1, Integer.MAX_VALUE)),
      Map.entry("--batch-size", whole(1, Integer.MAX_VALUE)),
      Map.entry("--occurrence", whole(1, Integer.MAX_VALUE)),
      Map.entry("--max-line-length", whole(1, Integer.MAX_VALUE)),
      Map.entry("--repeats", whole(1, 1000)),
      Map.entry("--tol", new Rule(0, Double.MAX_VALUE, false, "a finite number >= 0")),
      Map.entry("--lr", new Rule(Double.MIN_VALUE, Double.MAX_VALUE, false,
          "a finite number > 0")));

  private OptionRules() {}

  private static Rule whole(long min, long max) {
    return new Rule(min, max, true, max == Integer.MAX_VALUE
        ? "a whole number >= " + min : "a whole number from " + min + " to " + max);
  }

  /**
   * Checks every matched option of every command on the line.
   *
   * @throws CommandLine.ParameterException for the first value out of range
   */
  static void check(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      for (OptionSpec option : p.matchedOptions()) {
        Rule rule = RULES.get(option.longestName());
        Object value = option.getValue();
        if (rule == null || !(value instanceof Number n)) {
          continue;
        }
        double v = n.doubleValue();
        if (!(v >= rule.min && v <= rule.max)) {
          String given = option.stringValues().isEmpty() ? String.valueOf(value)
              : option.stringValues().get(option.stringValues().size() - 1);
          throw new CommandLine.ParameterException(p.commandSpec().commandLine(),
              option.longestName() + " " + given + ": need " + rule.words, option, given);
        }
      }
    }
  }
}
