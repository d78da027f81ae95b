package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line attacked the way users and scripts call it: pipes, process substitution,
 * FIFOs, links to standard output, outputs that are inputs, devices, endless and huge lines,
 * strict JSON, option values out of range, a console that cannot encode UTF-8. Shell attacks run
 * entdist in its own JVM through bash, each under a time limit.
 */
class AttackSuiteTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path corpus;
  static Path model;

  /** {@code rows} valid JSONL occurrences of "cell" with two senses, distinct texts. */
  static String rows(int rows) {
    StringBuilder sb = new StringBuilder();
    String[] contexts = {"charged the", "membrane of the", "locked in the", "battery of the"};
    for (int i = 0; i < rows; i++) {
      String before = "Row " + i + " " + contexts[i % 4] + " ";
      boolean phone = i % 4 == 0 || i % 4 == 3;
      sb.append("{\"id\":\"r").append(i).append("\",\"text\":\"").append(before)
          .append("cell today.\",\"target\":\"cell\",\"start\":").append(before.length())
          .append(",\"end\":").append(before.length() + 4).append(",\"labels\":")
          .append(phone ? "{\"phone\":0.75,\"biology\":0.25}" : "{\"biology\":0.9,\"phone\":0.1}")
          .append("}\n");
    }
    return sb.toString();
  }

  static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(bytes));
  }

  @BeforeAll
  static void trainOnce() throws Exception {
    corpus = Files.writeString(dir.resolve("v.jsonl"), rows(40));
    model = dir.resolve("v.model");
    CliRun run = CliRun.of("train", "--quiet", "--corpus", corpus.toString(), "--out",
        model.toString(), "--max-iter", "20", "--threads", "1");
    assertEquals(0, run.code(), run::toString);
  }

  @Test
  void aPipeIsReadWhole() throws Exception {
    Files.writeString(dir.resolve("big"), rows(2000));
    Entdist.Run validate = Entdist.bash(dir, "cat big | $E corpus validate /dev/stdin", 120);
    assertEquals(0, validate.code(), validate::toString);
    assertTrue(validate.out().contains("valid, 2000 occurrence"), validate.out());
    Entdist.Run stats = Entdist.bash(dir, "$E corpus stats --json <(cat big)", 120);
    assertEquals(0, stats.code(), stats::toString);
    assertEquals(2000, JSON.readTree(stats.out()).get("examples").asInt(), stats.out());
    Entdist.Run dash = Entdist.bash(dir, "$E corpus validate - < big", 120);
    assertTrue(dash.out().contains("valid, 2000 occurrence"), dash::toString);
  }

  @Test
  void aFifoCorpusTrainsAndTheModelRecordsTheChecksumOfItsBytes() throws Exception {
    Entdist.Run run = Entdist.bash(dir, "rm -f fifo; mkfifo fifo || exit 99\n"
        + "cat v.jsonl > fifo &\n"
        + "$E train --quiet --corpus fifo --out fifo.model --max-iter 5 --threads 1"
        + " >/dev/null && "
        + "$E model info fifo.model --json", 180);
    assumeTrue(run.code() != 99, "mkfifo is not available");
    assertEquals(0, run.code(), run::toString);
    JsonNode info = JSON.readTree(run.out());
    assertEquals(sha256(Files.readAllBytes(corpus)),
        info.get("provenance").get("corpus_checksum").asText(), run.out());
  }

  @Test
  void outputThroughALinkToStandardOutputIsDeliveredAndTheLinkStays() throws Exception {
    Entdist.Run run = Entdist.bash(dir, "rm -f mystdout r.txt; ln -s /proc/self/fd/1 mystdout\n"
        + "$E corpus convert v.jsonl --to conll --argmax --out mystdout > r.txt; code=$?\n"
        + "test -L mystdout || exit 98\nexit $code", 120);
    assertEquals(0, run.code(), run::toString);
    String converted = Files.readString(dir.resolve("r.txt"));
    assertTrue(converted.contains("cell"), converted);
    Entdist.Run predict = Entdist.bash(dir, "rm -f out.jsonl link.jsonl; touch out.jsonl\n"
        + "ln -s out.jsonl link.jsonl\n"
        + "$E predict --model v.model --corpus v.jsonl --out link.jsonl; code=$?\n"
        + "test -L link.jsonl || exit 98\nexit $code", 120);
    assertEquals(0, predict.code(), predict::toString);
    assertEquals(40, Files.readAllLines(dir.resolve("out.jsonl")).size());
  }

  @Test
  void aDashIsStandardOutputAndNoFileNamedDash() throws Exception {
    Entdist.Run run = Entdist.bash(dir, "$E corpus convert v.jsonl --to jsonl --out -", 120);
    assertEquals(0, run.code(), run::toString);
    assertEquals(40, run.out().lines().count(), run.out());
    assertFalse(Files.exists(dir.resolve("-")));
  }

  @Test
  void outputsThatAreInputsAreRefusedAndTheInputsKept() throws Exception {
    byte[] corpusBytes = Files.readAllBytes(corpus);
    byte[] modelBytes = Files.readAllBytes(model);
    String c = corpus.toString();
    String m = model.toString();
    String[][] attacks = {
      {"train", "--corpus", c, "--out", c},
      {"predict", "--model", m, "--corpus", c, "--out", c},
      {"predict", "--model", m, "--corpus", c, "--out", m},
      {"corpus", "convert", c, "--to", "jsonl", "--out", c},
    };
    for (String[] attack : attacks) {
      CliRun run = CliRun.of(attack);
      assertEquals(1, run.code(), run::toString);
      assertTrue(run.err().contains("it is the input"), run.err());
      assertEquals(1, run.err().strip().lines().count(), run.err());
    }
    assertEquals(new String(corpusBytes, StandardCharsets.UTF_8), Files.readString(corpus));
    assertTrue(java.util.Arrays.equals(modelBytes, Files.readAllBytes(model)));
  }

  @Test
  void splitOverItsInputIsRefusedAndTheInputKept() throws Exception {
    Path out = Files.createDirectories(dir.resolve("splitdir"));
    Path train = Files.writeString(out.resolve("train.jsonl"), rows(40));
    CliRun run = CliRun.of("corpus", "split", train.toString(), "--test-fraction", "0.5",
        "--seed", "1", "--out-dir", out.toString());
    assertEquals(1, run.code(), run::toString);
    assertTrue(run.err().contains("it is the input"), run.err());
    assertEquals(40, Files.readAllLines(train).size());
    assertFalse(Files.exists(out.resolve("test.jsonl")));
    CliRun tiny = CliRun.of("corpus", "split", corpus.toString(), "--test-fraction", "1e-9",
        "--seed", "1", "--out-dir", dir.resolve("tiny").toString());
    assertEquals(1, tiny.code(), tiny::toString);
    assertTrue(tiny.err().contains("test side would be empty"), tiny.err());
    assertFalse(Files.exists(dir.resolve("tiny/test.jsonl")));
  }

  @Test
  void devicesAndDirectoriesAreRefusedByName() throws Exception {
    Entdist.Run zero = Entdist.bash(dir, "$E corpus validate /dev/zero", 60);
    assertEquals(1, zero.code(), zero::toString);
    assertTrue(zero.out().contains("NUL byte") || zero.err().contains("NUL byte"),
        zero::toString);
    // A directory of .jsonl files reads as a doccano export; one without is refused by name.
    Path empty = Files.createDirectories(dir.resolve("no-corpus-here"));
    CliRun directory = CliRun.of("corpus", "validate", empty.toString());
    assertTrue((directory.out() + directory.err()).contains(empty + ": is a directory"),
        directory::toString);
    CliRun devNull = CliRun.of("query", "--model", "/dev/null", "cell");
    assertEquals(1, devNull.code(), devNull::toString);
    assertTrue(devNull.err().contains("/dev/null: is empty"), devNull.err());
    CliRun below = CliRun.of("train", "--corpus", corpus.toString(), "--out",
        corpus.resolve("m.model").toString());
    assertEquals(1, below.code(), below::toString);
    assertTrue(below.err().contains("is a file, not a directory"), below.err());
    CliRun proc = CliRun.of("train", "--corpus", corpus.toString(), "--out", "/proc/x.model");
    assertEquals(1, proc.code(), proc::toString);
    assertTrue(proc.err().contains("/proc is a kernel file system"), proc.err());
  }

  @Test
  void hugeAndStrictLinesAreHandled() throws Exception {
    CliRun largest = CliRun.of("corpus", "validate", corpus.toString(), "--max-line-length",
        "2147483647");
    assertEquals(0, largest.code(), largest::toString);
    Path twice = Files.writeString(dir.resolve("twice.jsonl"),
        rows(1).strip() + rows(1).strip() + "\n");
    CliRun strict = CliRun.of("corpus", "validate", twice.toString());
    assertEquals(1, strict.code(), strict::toString);
    assertTrue(strict.out().contains("twice.jsonl:1: holds more after the JSON object"),
        strict::toString);
    Path tab = Files.writeString(dir.resolve("tab.jsonl"),
        rows(1).replace("\"phone\"", "\"ph\\tone\""));
    CliRun tabbed = CliRun.of("corpus", "validate", tab.toString());
    assertTrue(tabbed.out().contains("tab.jsonl:1: field 'labels.ph\\tone'"), tabbed::toString);
  }

  @ParameterizedTest
  @CsvSource({
    "train --threads 0, --threads 0",
    "train --threads 40000, --threads 40000",
    "train --max-iter 0, --max-iter 0",
    "train --tol NaN, --tol NaN",
    "train --lr -1, --lr -1",
    "train --batch-size 0, --batch-size 0",
    "train --max-line-length 0, --max-line-length 0",
  })
  void optionValuesOutOfRangeAreUsageErrors(String args, String words) {
    String[] given = args.split(" ");
    String[] full = new String[given.length + 4];
    System.arraycopy(given, 0, full, 0, given.length);
    full[given.length] = "--corpus";
    full[given.length + 1] = corpus.toString();
    full[given.length + 2] = "--out";
    full[given.length + 3] = dir.resolve("never.model").toString();
    CliRun run = CliRun.of(full);
    assertEquals(2, run.code(), run::toString);
    assertTrue(run.err().contains(words + ": need"), run.err());
    assertFalse(run.err().contains("TrainerConfig"), run.err());
    assertFalse(Files.exists(dir.resolve("never.model")));
  }

  @Test
  void queryOccurrenceZeroIsAUsageError() {
    CliRun run = CliRun.of("query", "--model", model.toString(), "cell", "--context",
        "My cell died.", "--occurrence", "0");
    assertEquals(2, run.code(), run::toString);
    assertTrue(run.err().contains("--occurrence 0: need"), run.err());
  }

  @Test
  void queryFromStandardInputKeepsOneAnswerPerLine() throws Exception {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(
          "cell\tMy cell\rdied.\ncell\n".getBytes(StandardCharsets.UTF_8)));
      CliRun run = CliRun.of("query", "--model", model.toString(), "--json", "-");
      assertEquals(0, run.code(), run::toString);
      assertEquals(2, run.out().strip().lines().count(), run.out());
      System.setIn(new ByteArrayInputStream(new byte[] {'c', 'e', 'l', 'l', '\t', (byte) 0xC3,
          (byte) 0x28, '\n'}));
      CliRun bad = CliRun.of("query", "--model", model.toString(), "-");
      assertEquals(1, bad.code(), bad::toString);
      assertTrue(bad.err().contains("stdin:1") && bad.err().contains("not valid UTF-8"),
          bad.err());
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void anAsciiConsoleGetsAsciiStandIns() throws Exception {
    Entdist.Run run = Entdist.bash(dir, "$E divergence --p 1,0 --q 0,1", 60,
        Map.of("LC_ALL", "C", "LANG", "C"));
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().chars().allMatch(ch -> ch < 128), run.out());
    assertFalse(run.out().contains("?"), run.out());
    assertTrue(run.out().contains("inf"), run.out());
  }

  @Test
  void runningOutOfMemoryIsOneLine() throws Exception {
    Entdist.Run run = Entdist.bash(dir, "$E train --quiet --corpus bundled --out oom.model"
        .replace("$E", "$E_SMALL"), 120, Map.of());
    assertEquals(1, run.code(), run::toString);
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().startsWith("entdist: "), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }
}
