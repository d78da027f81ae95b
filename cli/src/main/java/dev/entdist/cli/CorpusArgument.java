package dev.entdist.cli;

import dev.entdist.corpora.BundledCorpus;
import dev.entdist.corpora.Corpus;
import dev.entdist.corpora.CorpusFormatException;
import dev.entdist.corpora.JsonlFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the corpus a {@code --corpus} option names: a file, or {@code bundled}. */
final class CorpusArgument {

  private CorpusArgument() {}

  static Corpus read(String name) throws IOException, CorpusFormatException {
    if (BundledCorpus.NAME.equals(name)) {
      return BundledCorpus.load();
    }
    Path file = Path.of(name);
    if (!Files.isRegularFile(file)) {
      throw new UserException("corpus file " + name + " does not exist (or say 'bundled')");
    }
    return JsonlFormat.read(file);
  }
}
