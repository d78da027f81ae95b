package dev.entdist.corpora;

import dev.entdist.divergence.testing.Mutator;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the CoNLL/BIO/BIOES reader with every tag-column setting (see {@link ReaderFuzzing}):
 * a seeded mutation run in the normal suite and a Jazzer target.
 */
class ConllFuzzTest {

  static final List<String> TOKENS = ReaderFuzzing.tokens("B-", "I-", "E-", "S-", "L-", "U-",
      "X-", "B_LOC", "O", "?", "-DOCSTART-", "\t", "\n\n", "B-PER\tI-PER", " O O O O O");

  static List<byte[]> seeds() {
    return List.of(ReaderFuzzing.resource("multi.conll"), ReaderFuzzing.resource("bioes.conll"),
        ReaderFuzzing.resource("conll2003.conll"));
  }

  @Test
  void mutatedInputsYieldOccurrencesOrCorpusFormatException(@TempDir Path dir)
      throws Exception {
    ReaderFuzzing.Tally t = ReaderFuzzing.run(CorpusFormat.CONLL, seeds(), TOKENS, 9101L,
        Mutator.cases(3000), dir);
    ReaderFuzzing.report("conll", t);
  }

  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] data) throws IOException {
    ReaderFuzzing.readAll(data, ReaderFuzzing.options(CorpusFormat.CONLL, data.length),
        "fuzz.conll");
  }
}
