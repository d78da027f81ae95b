package dev.entdist.pipeline;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.divergence.SparseVector;
import dev.entdist.trainer.PeerFormat;
import dev.entdist.trainer.PeerFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A feature directory in the peers' interchange format: {@code meta.json} with the feature
 * dimension and the classes, and the rows either in the directory itself or in its {@code
 * train} and {@code test} subdirectories (as {@code entdist features export --test-fraction}
 * writes them).
 */
public final class FeatureDirectory {

  private FeatureDirectory() {}

  /** {@code dir/name} when it is a directory, else {@code dir} itself. */
  public static Path split(Path dir, String name) {
    if (!Files.isDirectory(dir)) {
      throw new PipelineException("feature directory " + dir + " does not exist: write one with"
          + " 'entdist features export --corpus FILE --out " + dir + "'");
    }
    Path sub = dir.resolve(name);
    return Files.isDirectory(sub) ? sub : dir;
  }

  /**
   * Reads the rows of {@code split} ({@code train} or {@code test}, else the directory itself),
   * with the dimension from {@code dir/meta.json}.
   *
   * @throws PipelineException naming the file and line of a format error
   */
  public static PeerFormat.Split read(Path dir, String split) throws IOException {
    Path rows = split(dir, split);
    try {
      PeerFormat.Meta meta = PeerFormat.readMeta(dir);
      return PeerFormat.readSplit(rows, meta.nFeatures());
    } catch (PeerFormatException e) {
      throw new PipelineException(e.getMessage(), e);
    }
  }

  /**
   * Writes one split of {@code examples} into {@code dir}: their vectors from {@code features}
   * (by identity) to features.svm, their annotated distributions over {@code labels} to
   * labels.tsv, as {@code entdist features export} writes them.
   */
  public static void writeSplit(Path dir, List<AnnotatedExample> examples,
      Map<AnnotatedExample, SparseVector> features, List<String> labels) throws IOException {
    List<SparseVector> x = new ArrayList<>(examples.size());
    double[][] y = new double[examples.size()][];
    for (int i = 0; i < y.length; i++) {
      AnnotatedExample e = examples.get(i);
      x.add(features.get(e));
      y[i] = e.distributionOver(labels);
    }
    PeerFormat.writeSplit(dir, labels, x, y, null);
  }
}
