package dev.entdist.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code entdist corpus}: inspect, check, convert, split and aggregate annotated corpora. Wherever
 * a FILE is expected, {@code bundled} names the corpus inside the jar.
 */
@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = {
      "Inspect, validate, convert, split and aggregate annotated corpora.",
      "Formats: jsonl (native), conll (BIO/BIOES, one tag column per annotator), opennlp;"
          + " read only: label-studio and doccano exports.",
      "Wherever a FILE is expected, 'bundled' names the corpus inside the jar."
    },
    subcommands = {
      CorpusStatsCommand.class,
      CorpusValidateCommand.class,
      CorpusConvertCommand.class,
      CorpusSplitCommand.class,
      CorpusAggregateCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist corpus stats bundled",
      "  entdist corpus validate my.jsonl --max-errors 10",
      "  entdist corpus convert my.conll --to jsonl --out my.jsonl",
      "  entdist corpus split bundled --test-fraction 0.2 --seed 1 --out-dir split",
      "  entdist corpus aggregate --corpus c.jsonl --method dawid-skene --out s.jsonl"
    })
public final class CorpusCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand: stats, validate, convert, split or aggregate");
  }
}
