package dev.entdist.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code entdist features}: export and explain the context features. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = "Export the context features of a corpus in the peer format, or explain the"
        + " features of one occurrence.",
    subcommands = {FeaturesExportCommand.class, FeaturesExplainCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist features export --corpus bundled --out feats",
      "  entdist features explain --context \"My cell died.\" cell"})
final class FeaturesCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand: export or explain");
  }
}
