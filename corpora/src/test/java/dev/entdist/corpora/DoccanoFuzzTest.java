package dev.entdist.corpora;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.entdist.divergence.testing.Mutator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the doccano importer (see {@link ReaderFuzzing}): a seeded mutation run in the
 * normal suite and a Jazzer target.
 */
class DoccanoFuzzTest {

  static final List<String> TOKENS = ReaderFuzzing.tokens("[0, 3, \"PER\"]", "[5, 2, \"X\"]", "\"label\": [\"POS\"]", "\"entities\": [{\"start_offset\": 0}]", "\"annotator\": 3", "\"id\": 1", "{", "}", "null", "🙂");

  static List<byte[]> seeds() {
    return List.of(ReaderFuzzing.resource("doccano.jsonl"));
  }

  @Test
  void mutatedInputsYieldOccurrencesOrCorpusFormatException(@TempDir Path dir)
      throws Exception {
    ReaderFuzzing.Tally t = ReaderFuzzing.run(CorpusFormat.DOCCANO, seeds(), TOKENS, 9401L,
        Mutator.cases(3000), dir);
    ReaderFuzzing.report("doccano", t);
  }

  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] data) throws IOException {
    ReaderFuzzing.readAll(data, ReaderFuzzing.options(CorpusFormat.DOCCANO, data.length),
        "fuzz.doccano");
  }
}
