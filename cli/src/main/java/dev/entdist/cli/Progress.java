package dev.entdist.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** Progress notes on stderr, silenced by {@code --quiet}. */
final class Progress {

  private Progress() {}

  /** Prints one progress line on stderr unless {@code --quiet} was given. */
  static void note(CommandSpec spec, String line) {
    if (!quiet(spec)) {
      spec.commandLine().getErr().println("entdist: " + line);
      spec.commandLine().getErr().flush();
    }
  }

  static boolean quiet(CommandSpec spec) {
    CommandSpec root = spec.root();
    ParseResult parsed = root.commandLine().getParseResult();
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--quiet")) {
        return true;
      }
    }
    return false;
  }
}
