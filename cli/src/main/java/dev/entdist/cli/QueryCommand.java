package dev.entdist.cli;

import dev.entdist.corpora.CorpusFormatException;
import dev.entdist.corpora.Document;
import dev.entdist.corpora.DocumentReader;
import dev.entdist.corpora.ReadOptions;
import dev.entdist.pipeline.TextModel;
import dev.entdist.pipeline.WordDistribution;
import dev.entdist.serve.JsonAnswers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code entdist query}: what a model believes a word means, alone or in a sentence. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show a word's distribution over the labels: how ambiguous is it?",
      "",
      "A word alone gets its type-level distribution: the mean of the model's in-context"
          + " predictions over the word's training occurrences, stored in the model. A word"
          + " the model never saw is answered from the features of the word alone, and the"
          + " output says so. With --context the answer is the in-context distribution of the"
          + " word in that sentence.",
      "",
      "The word '-' reads lines \"WORD\" or \"WORD<TAB>CONTEXT\" from standard input."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  entdist query --model cell.model cell",
      "  entdist query --model cell.model cell --context \"She charged her cell.\"",
      "  printf 'cell\\tMy cell died.\\n' | entdist query --model cell.model -"})
final class QueryCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", required = true,
      description = "Model file written by 'entdist train --corpus'.")
  Path modelFile;

  @Parameters(paramLabel = "WORD", arity = "1..*",
      description = "Words to look up; '-' reads them (with optional contexts) from stdin.")
  List<String> words;

  @Option(names = "--context", paramLabel = "SENTENCE",
      description = "A sentence containing WORD: show the in-context distribution.")
  String context;

  @Option(names = "--occurrence", paramLabel = "N", defaultValue = "1",
      description = "With --context: use the N-th occurrence of WORD (1-based; default 1).")
  int occurrence;

  @Option(names = "--top", paramLabel = "K",
      description = "Show the K most probable labels (default: every label with at least"
          + " 0.5%%; with --json, every label).")
  Integer top;

  @Option(names = "--json", description = "Print one JSON object per word (JSONL).")
  boolean json;

  /** One question: a word, optionally in a context. */
  record Question(String word, String context) {}

  @Override
  public Integer call() throws Exception {
    if (top != null && top < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--top must be >= 1, got "
          + top);
    }
    try (TextModel model = TextModel.load(modelFile)) {
      if (!model.readsText()) {
        throw new UserException("model " + modelFile + " was trained on a feature directory"
            + " (--features) and has no feature configuration, so query cannot compute"
            + " features from text: train it with --corpus instead");
      }
      List<Question> questions = questions();
      PrintWriter out = spec.commandLine().getOut();
      boolean first = true;
      for (Question q : questions) {
        WordDistribution d = q.context() == null ? model.query(q.word())
            : model.query(q.word(), q.context(), occurrence);
        if (json) {
          Json.println(out, JsonAnswers.query(d, top));
        } else {
          QueryReport.Answer a = new QueryReport.Answer(q.word(), q.context(),
              d.occurrence(), d.knownWord(), d.distribution().toArray());
          if (!first) {
            out.println();
          }
          QueryReport.print(out, model.softmax(), a, top);
        }
        first = false;
      }
      out.flush();
    }
    return 0;
  }

  private static Document next(DocumentReader in) throws IOException {
    try {
      return in.next();
    } catch (CorpusFormatException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  private List<Question> questions() throws IOException {
    List<Question> out = new ArrayList<>();
    for (String w : words) {
      if (!w.equals("-")) {
        out.add(new Question(w, context));
        continue;
      }
      // Lines end at \n or \r\n only (a bare CR stays inside its line, so answers match input
      // lines), and bytes that are not UTF-8 are refused with their line, never read as U+FFFD.
      DocumentReader in = DocumentReader.of(System.in, "stdin", DocumentReader.Kind.TEXT,
          ReadOptions.DEFAULT_MAX_LINE_LENGTH);
      for (Document d = next(in); d != null; d = next(in)) {
        String line = d.text();
        long no = d.line();
        int tab = line.indexOf('\t');
        String word = (tab < 0 ? line : line.substring(0, tab)).strip();
        String ctx = tab < 0 ? context : line.substring(tab + 1);
        if (word.isEmpty()) {
          throw new UserException("stdin line " + no + ": no word before the tab");
        }
        out.add(new Question(word, ctx));
      }
    }
    return out;
  }
}
