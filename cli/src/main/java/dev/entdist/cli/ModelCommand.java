package dev.entdist.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code entdist model}: inspect model files. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Inspect a model file written by 'entdist train'.",
    subcommands = {ModelInfoCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist model info cell.model"})
final class ModelCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: info");
  }
}
