package dev.entdist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three progress modes: plain lines, a bar, and nothing. */
class ProgressTest {

  @Test
  void lineModePrintsAStartAndAnEndLine() {
    StringWriter err = new StringWriter();
    try (Progress.Task task = new Progress.Task(new PrintWriter(err), Progress.Mode.LINES,
        "analysing 3 occurrences", 3, null)) {
      task.step();
      task.stepBy(2);
    }
    List<String> lines = err.toString().lines().toList();
    assertEquals(2, lines.size(), err.toString());
    assertEquals("entdist: analysing 3 occurrences ...", lines.get(0));
    assertTrue(lines.get(1).matches("entdist: analysing 3 occurrences: done in \\d+\\.\\d s"),
        lines.get(1));
  }

  @Test
  void trainingLinesReportIterationsObjectiveAndGradient() {
    StringWriter err = new StringWriter();
    try (Progress.Training t = new Progress.Training(new PrintWriter(err), Progress.Mode.LINES,
        "training soft", null)) {
      t.onProgress(0, 30, 0.7, 0.5, 0.0);
      t.onProgress(12, 30, 0.25, 1e-3, 0.1);
    }
    String last = err.toString().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("entdist: training soft: 12 iterations, objective 0.25000,"
        + " max|g| 1.00e-03"), last);
  }

  @Test
  void quietModePrintsNothing() {
    StringWriter err = new StringWriter();
    try (Progress.Training t = new Progress.Training(new PrintWriter(err), Progress.Mode.QUIET,
        "training soft", null)) {
      t.onProgress(1, 30, 0.7, 0.5, 0.0);
    }
    assertEquals("", err.toString());
  }

  @Test
  void barModeDrawsTheBarThroughItsConsumer() {
    List<String> frames = new ArrayList<>();
    ProgressBarConsumer consumer = new ProgressBarConsumer() {
      @Override
      public int getMaxRenderedLength() {
        return 120;
      }

      @Override
      public void accept(String frame) {
        synchronized (frames) {
          frames.add(frame);
        }
      }

      @Override
      public void close() {}
    };
    StringWriter err = new StringWriter();
    try (Progress.Training t = new Progress.Training(new PrintWriter(err), Progress.Mode.BAR,
        "training soft", consumer)) {
      t.onProgress(30, 30, 0.25, 1e-3, 0.1);
    }
    assertEquals("", err.toString(), "a bar writes no log lines");
    String last;
    synchronized (frames) {
      last = frames.get(frames.size() - 1);
    }
    assertTrue(last.contains("training soft") && last.contains("30/30")
        && last.contains("obj 0.25000"), last);
  }

  @Test
  void trainReportsFeaturesAndTheFitThroughProgressInLineMode(@TempDir Path dir)
      throws Exception {
    Path corpus = dir.resolve("soft.jsonl");
    try (InputStream in = ProgressTest.class.getResourceAsStream("compare-soft.jsonl")) {
      Files.copy(in, corpus);
    }
    CliRun lbfgs = CliRun.of("train", "--corpus", corpus.toString(), "--out",
        dir.resolve("a.model").toString(), "--max-iter", "5");
    assertEquals(0, lbfgs.code(), lbfgs::toString);
    List<String> lines = lbfgs.err().lines().toList();
    assertTrue(lines.contains("entdist: computing features of 80 occurrences ..."),
        lbfgs.err());
    assertTrue(lines.contains("entdist: training soft on 80 rows ..."), lbfgs.err());
    assertTrue(lines.stream().anyMatch(l -> l.matches(
        "entdist: training soft on 80 rows: 5 iterations, objective \\d+\\.\\d{5}, .*")),
        lbfgs.err());

    CliRun adam = CliRun.of("train", "--corpus", corpus.toString(), "--out",
        dir.resolve("b.model").toString(), "--optimizer", "adam", "--epochs", "2");
    assertEquals(0, adam.code(), adam::toString);
    assertTrue(adam.err().lines().anyMatch(l -> l.startsWith(
        "entdist: training soft on 80 rows: 2 epochs, objective ")), adam.err());

    CliRun quiet = CliRun.of("--quiet", "train", "--corpus", corpus.toString(), "--out",
        dir.resolve("c.model").toString(), "--max-iter", "5");
    assertEquals(0, quiet.code(), quiet::toString);
    assertEquals("", quiet.err());
  }
}
