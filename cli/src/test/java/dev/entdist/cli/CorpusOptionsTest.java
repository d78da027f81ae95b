package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train}, {@code evaluate}, {@code predict} and {@code compare} read a corpus with the
 * options {@code corpus} has: a CoNLL file without a telling extension, two annotators, O dropped.
 */
class CorpusOptionsTest {

  @TempDir Path dir;

  private Path conll() throws Exception {
    StringBuilder sb = new StringBuilder();
    String[][] senses = {{"charged", "B-device", "B-device"}, {"membrane", "B-bio", "B-bio"},
        {"locked", "B-prison", "O"}, {"battery", "B-device", "B-bio"}};
    for (int i = 0; i < 40; i++) {
      String[] s = senses[i % 4];
      sb.append("Row O O\n").append(i).append(" O O\n").append(s[0]).append(" O O\n")
          .append("the O O\ncell ").append(s[1]).append(' ').append(s[2]).append("\n. O O\n\n");
    }
    return Files.writeString(dir.resolve("cells.data"), sb.toString());
  }

  @Test
  void everyCommandThatReadsACorpusTakesTheCorpusOptions() throws Exception {
    String data = conll().toString();
    String model = dir.resolve("m.model").toString();
    CliRun train = CliRun.of("train", "--quiet", "--corpus", data, "--format", "conll",
        "--drop-o", "--tag-column", "0", "--out", model, "--max-iter", "10", "--threads", "1");
    assertEquals(0, train.code(), train::toString);
    CliRun evaluate = CliRun.of("evaluate", "--model", model, "--corpus", data, "--format",
        "conll", "--drop-o", "--json");
    assertEquals(0, evaluate.code(), evaluate::toString);
    assertTrue(evaluate.out().contains("\"examples\":40"), evaluate.out());
    Path out = dir.resolve("p.jsonl");
    CliRun predict = CliRun.of("predict", "--model", model, "--corpus", data, "--input-format",
        "conll", "--drop-o", "--out", out.toString());
    assertEquals(0, predict.code(), predict::toString);
    assertEquals(40, Files.readAllLines(out).size());
    CliRun compare = CliRun.of("compare", "--quiet", "--corpus", data, "--format", "conll",
        "--drop-o", "--regimes", "soft", "--test-fraction", "0.25", "--max-iter", "10",
        "--json");
    assertEquals(0, compare.code(), compare::toString);
    CliRun skip = CliRun.of("evaluate", "--model", model, "--corpus", data, "--format",
        "jsonl", "--skip-invalid", "--json");
    assertEquals(1, skip.code(), skip::toString);
  }
}
