package dev.entdist.corpora;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.entdist.divergence.testing.Mutator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the label studio importer (see {@link ReaderFuzzing}): a seeded mutation run in the
 * normal suite and a Jazzer target.
 */
class LabelStudioFuzzTest {

  static final List<String> TOKENS = ReaderFuzzing.tokens("[", "]", "{", "}", "\"annotations\": [", "\"completed_by\": {\"id\": 3}", "\"was_cancelled\": true", "\"start\": 99", "\"end\": -1", "\"labels\": []", "\"text\": \"🙂\"", "\"type\": \"labels\"", "null");

  static List<byte[]> seeds() {
    return List.of(ReaderFuzzing.resource("label-studio.json"));
  }

  @Test
  void mutatedInputsYieldOccurrencesOrCorpusFormatException(@TempDir Path dir)
      throws Exception {
    ReaderFuzzing.Tally t = ReaderFuzzing.run(CorpusFormat.LABEL_STUDIO, seeds(), TOKENS, 9301L,
        Mutator.cases(3000), dir);
    ReaderFuzzing.report("label_studio", t);
  }

  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] data) throws IOException {
    ReaderFuzzing.readAll(data, ReaderFuzzing.options(CorpusFormat.LABEL_STUDIO, data.length),
        "fuzz.label_studio");
  }
}
