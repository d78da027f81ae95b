package dev.entdist.corpora;

import dev.entdist.divergence.testing.Mutator;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the OpenNLP name-sample reader (see {@link ReaderFuzzing}): a seeded mutation run in
 * the normal suite and a Jazzer target.
 */
class OpenNlpFuzzTest {

  static final List<String> TOKENS = ReaderFuzzing.tokens("<START>", "<START:", "<START:x>",
      "<END>", "<START:>", "<", ">", " <END> <END>", "<START:a> <START:b>");

  static List<byte[]> seeds() {
    return List.of(ReaderFuzzing.resource("names.opennlp"));
  }

  @Test
  void mutatedInputsYieldOccurrencesOrCorpusFormatException(@TempDir Path dir)
      throws Exception {
    ReaderFuzzing.Tally t = ReaderFuzzing.run(CorpusFormat.OPENNLP, seeds(), TOKENS, 9201L,
        Mutator.cases(3000), dir);
    ReaderFuzzing.report("opennlp", t);
  }

  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] data) throws IOException {
    ReaderFuzzing.readAll(data, ReaderFuzzing.options(CorpusFormat.OPENNLP, data.length),
        "fuzz.opennlp");
  }
}
