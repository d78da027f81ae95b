package dev.entdist.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.divergence.SparseVector;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes the peer interchange format {@code entdist-peers-v1} (the peers harness's
 * FORMAT.md): a split directory holds {@code features.svm} (svmlight, 0-based strictly increasing
 * indices, label field {@code 0}), {@code labels.tsv} (header of class names, then one
 * distribution per row), optional {@code weights.tsv} and {@code true.tsv}; the data set
 * directory holds {@code meta.json} with {@code n_features}.
 *
 * <p>Class names keep the file's column order here; {@link Split#toTrainingData} sorts them
 * into the model's label order and {@link #writeDistributions} writes rows back in a file order.
 */
public final class PeerFormat {

  /** The format name written to {@code meta.json}. */
  public static final String FORMAT = "entdist-peers-v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PeerFormat() {}

  /**
   * One split as read.
   *
   * @param classes class names in file column order
   * @param features one row per example
   * @param labels distributions over {@code classes} (renormalised to sum exactly 1)
   * @param weights row weights, or {@code null} without {@code weights.tsv}
   * @param trueDistributions rows of {@code true.tsv}, or {@code null} without it
   */
  public record Split(List<String> classes, List<SparseVector> features, double[][] labels,
      double[] weights, double[][] trueDistributions) {

    /** Number of rows. */
    public int size() {
      return features.size();
    }

    /** The classes in sorted (model) order. */
    public List<String> sortedClasses() {
      return classes.stream().sorted().toList();
    }

    /** {@code rows} over {@link #classes()} reordered into {@link #sortedClasses()}. */
    public double[][] inSortedOrder(double[][] rows) {
      return reorder(rows, classes, sortedClasses());
    }

    /** The split as training data (sorted labels, no groups), targets = labels. */
    public TrainingData toTrainingData() {
      return TrainingData.of(sortedClasses(), features, inSortedOrder(labels), weights, null);
    }
  }

  /**
   * {@code meta.json} of a data set: the feature dimension, the class names, if given, and the
   * feature configuration that computed the features (entdist's own field {@code
   * feature_config}, opaque JSON text), if given.
   */
  public record Meta(int nFeatures, List<String> classes, String featureConfigJson) {

    /** Meta without a feature configuration. */
    public Meta(int nFeatures, List<String> classes) {
      this(nFeatures, classes, null);
    }
  }

  /**
   * Reads {@code DIR/meta.json}.
   *
   * @throws PeerFormatException if it is missing, not JSON, or lacks a positive {@code n_features}
   */
  public static Meta readMeta(Path datasetDir) throws PeerFormatException {
    Path file = datasetDir.resolve("meta.json");
    JsonNode node;
    try {
      node = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new PeerFormatException(file, 0, "cannot read meta.json: " + e.getMessage());
    }
    JsonNode d = node == null ? null : node.get("n_features");
    if (d == null || !d.canConvertToInt() || d.asInt() <= 0) {
      throw new PeerFormatException(file, 0, "field n_features: need a positive integer");
    }
    List<String> classes = new ArrayList<>();
    JsonNode c = node.get("classes");
    if (c != null && c.isArray()) {
      c.forEach(n -> classes.add(n.asText()));
    }
    JsonNode config = node.get("feature_config");
    if (config != null && !config.isNull() && !config.isTextual()) {
      throw new PeerFormatException(file, 0, "field feature_config: need a JSON string");
    }
    return new Meta(d.asInt(), List.copyOf(classes),
        config == null || config.isNull() ? null : config.textValue());
  }

  /** Writes {@code DIR/meta.json}. */
  public static void writeMeta(Path datasetDir, int nFeatures, List<String> classes)
      throws IOException {
    writeMeta(datasetDir, nFeatures, classes, null);
  }

  /**
   * Writes {@code DIR/meta.json} with the feature configuration that computed the features
   * ({@code null}: none), so that a model can be checked against the data ({@link
   * FeatureCompatibility}).
   */
  public static void writeMeta(Path datasetDir, int nFeatures, List<String> classes,
      String featureConfigJson) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("n_features", nFeatures);
    node.put("n_classes", classes.size());
    classes.forEach(node.putArray("classes")::add);
    if (featureConfigJson != null) {
      node.put("feature_config", featureConfigJson);
    }
    Files.createDirectories(datasetDir);
    Files.writeString(datasetDir.resolve("meta.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
  }

  /**
   * Reads a split directory.
   *
   * @param splitDir the directory holding features.svm and labels.tsv
   * @param nFeatures D: every index must be below it
   * @throws PeerFormatException naming file, line and field of the first problem
   * @throws IOException if a file cannot be read
   */
  public static Split readSplit(Path splitDir, int nFeatures)
      throws PeerFormatException, IOException {
    List<SparseVector> x = readFeatures(splitDir.resolve("features.svm"), nFeatures);
    Table labels = readTable(splitDir.resolve("labels.tsv"), true);
    if (labels.rows.length != x.size()) {
      throw new PeerFormatException(splitDir.resolve("labels.tsv"), 0,
          labels.rows.length + " rows but features.svm has " + x.size());
    }
    double[] w = null;
    Path wf = splitDir.resolve("weights.tsv");
    if (Files.exists(wf)) {
      w = readWeights(wf, x.size());
    }
    double[][] truth = null;
    Path tf = splitDir.resolve("true.tsv");
    if (Files.exists(tf)) {
      Table t = readTable(tf, true);
      if (!t.classes.equals(labels.classes) || t.rows.length != x.size()) {
        throw new PeerFormatException(tf, 1, "header or row count differs from labels.tsv");
      }
      truth = t.rows;
    }
    return new Split(labels.classes, x, labels.rows, w, truth);
  }

  /** Reads features.svm; indices must be in [0, nFeatures) and strictly increasing. */
  public static List<SparseVector> readFeatures(Path file, int nFeatures)
      throws PeerFormatException, IOException {
    List<SparseVector> rows = new ArrayList<>();
    try (BufferedReader in = open(file)) {
      String line;
      long no = 0;
      int[] idx = new int[64];
      double[] val = new double[64];
      while ((line = readLine(in, file, no + 1)) != null) {
        no++;
        rows.add(parseSvmLine(file, no, line, nFeatures, idx, val));
      }
    }
    return rows;
  }

  static SparseVector parseSvmLine(Path file, long no, String line, int nFeatures, int[] idx,
      double[] val) throws PeerFormatException {
    int sp = line.indexOf(' ');
    String head = sp < 0 ? line : line.substring(0, sp);
    try {
      Double.parseDouble(head);
    } catch (NumberFormatException e) {
      throw new PeerFormatException(file, no, "label field '" + head + "' is not a number");
    }
    int m = 0;
    int prev = -1;
    int pos = sp < 0 ? line.length() : sp + 1;
    while (pos < line.length()) {
      int end = line.indexOf(' ', pos);
      if (end < 0) {
        end = line.length();
      }
      int colon = line.indexOf(':', pos);
      if (colon < 0 || colon > end) {
        throw new PeerFormatException(file, no, "field " + (m + 1) + " '"
            + line.substring(pos, end) + "' is not idx:val");
      }
      int index;
      double value;
      try {
        index = Integer.parseInt(line, pos, colon, 10);
        value = Double.parseDouble(line.substring(colon + 1, end));
      } catch (NumberFormatException e) {
        throw new PeerFormatException(file, no, "field " + (m + 1) + " '"
            + line.substring(pos, end) + "' is not idx:val");
      }
      if (index < 0 || index >= nFeatures) {
        throw new PeerFormatException(file, no, "field " + (m + 1) + ": index " + index
            + " outside [0, " + nFeatures + ")");
      }
      if (index <= prev) {
        throw new PeerFormatException(file, no, "field " + (m + 1) + ": index " + index
            + " not greater than the previous " + prev);
      }
      if (!Double.isFinite(value)) {
        throw new PeerFormatException(file, no, "field " + (m + 1) + ": value " + value);
      }
      prev = index;
      if (m == idx.length) {
        idx = Arrays.copyOf(idx, 2 * m);
        val = Arrays.copyOf(val, 2 * m);
      }
      if (value != 0) {
        idx[m] = index;
        val[m] = value;
        m++;
      }
      pos = end + 1;
    }
    return SparseVector.ofSorted(Arrays.copyOf(idx, m), Arrays.copyOf(val, m));
  }

  /**
   * A split read afresh on every pass, for streamed training: features.svm, labels.tsv and
   * optional weights.tsv are read line by line in step. Targets are {@code regime} applied to
   * each row in file column order (so onehot ties go to the lowest class index, as the peers),
   * then reordered into sorted label order; row i's regime seed is i.
   */
  public static ExampleStream stream(Path splitDir, int nFeatures,
      dev.entdist.divergence.LabelRegime regime) throws PeerFormatException, IOException {
    Path featuresFile = splitDir.resolve("features.svm");
    Path labelsFile = splitDir.resolve("labels.tsv");
    Path weightsFile = splitDir.resolve("weights.tsv");
    List<String> classes;
    try (BufferedReader in = open(labelsFile)) {
      String header = readLine(in, labelsFile, 1);
      if (header == null || header.isEmpty()) {
        throw new PeerFormatException(labelsFile, 1, "missing header of class names");
      }
      classes = List.of(header.split("\t", -1));
    }
    List<String> sorted = classes.stream().sorted().toList();
    int k = classes.size();
    int[] src = new int[k];
    for (int j = 0; j < k; j++) {
      src[j] = classes.indexOf(sorted.get(j));
    }
    boolean weighted = Files.exists(weightsFile);
    return new ExampleStream() {
      @Override
      public List<String> labels() {
        return sorted;
      }

      @Override
      public void forEach(RowConsumer consumer) throws IOException, PeerFormatException {
        try (BufferedReader fx = open(featuresFile);
            BufferedReader fy = open(labelsFile);
            BufferedReader fw = weighted ? open(weightsFile) : null) {
          readLine(fy, labelsFile, 1);
          int[] idx = new int[64];
          double[] val = new double[64];
          double[] target = new double[k];
          String xl;
          long row = 0;
          while ((xl = readLine(fx, featuresFile, row + 1)) != null) {
            row++;
            SparseVector x = parseSvmLine(featuresFile, row, xl, nFeatures, idx, val);
            String yl = readLine(fy, labelsFile, row + 1);
            if (yl == null) {
              throw new PeerFormatException(labelsFile, row + 1, "missing: fewer label rows than"
                  + " feature rows");
            }
            double[] y = parseDistribution(labelsFile, row + 1, yl, classes);
            double[] t = regime.target(y, row - 1);
            for (int j = 0; j < k; j++) {
              target[j] = t[src[j]];
            }
            double w = 1.0;
            if (fw != null) {
              String wl = readLine(fw, weightsFile, row);
              try {
                w = Double.parseDouble(wl == null ? "" : wl.trim());
              } catch (NumberFormatException e) {
                throw new PeerFormatException(weightsFile, row, "weight '" + wl
                    + "' is not a number");
              }
              if (!(w >= 0) || Double.isInfinite(w)) {
                throw new PeerFormatException(weightsFile, row, "weight " + w + ", need >= 0");
              }
            }
            consumer.accept(row - 1, x, target, w);
          }
          if (readLine(fy, labelsFile, row + 2) != null) {
            throw new PeerFormatException(labelsFile, row + 2, "more label rows than feature"
                + " rows (" + row + ")");
          }
        }
      }
    };
  }

  private static double[] parseRaw(Path file, long no, String line, List<String> classes)
      throws PeerFormatException {
    double[] normalised = parseDistribution(file, no, line, classes);
    String[] parts = line.split("\\t", -1);
    for (int j = 0; j < normalised.length; j++) {
      normalised[j] = Double.parseDouble(parts[j]);
    }
    return normalised;
  }

  private static double[] parseDistribution(Path file, long no, String line, List<String> classes)
      throws PeerFormatException {
    int k = classes.size();
    String[] parts = line.split("\t", -1);
    if (parts.length != k) {
      throw new PeerFormatException(file, no, parts.length + " fields, header has " + k);
    }
    double[] row = new double[k];
    double s = 0;
    for (int j = 0; j < k; j++) {
      try {
        row[j] = Double.parseDouble(parts[j]);
      } catch (NumberFormatException e) {
        throw new PeerFormatException(file, no, "field " + (j + 1) + " (" + classes.get(j)
            + ") '" + parts[j] + "' is not a number");
      }
      if (!(row[j] >= 0) || Double.isInfinite(row[j])) {
        throw new PeerFormatException(file, no, "field " + (j + 1) + " (" + classes.get(j)
            + ") is " + row[j] + ", need a finite value >= 0");
      }
      s += row[j];
    }
    if (Math.abs(s - 1) > TrainingData.SUM_TOLERANCE) {
      throw new PeerFormatException(file, no, "row sums to " + s + " (tolerance 1e-6)");
    }
    for (int j = 0; j < k; j++) {
      row[j] /= s;
    }
    return row;
  }

  /** A header of class names and rows of distributions. */
  record Table(List<String> classes, double[][] rows) {}

  /** Reads labels.tsv / true.tsv / pred.tsv: rows must sum to 1 within 1e-6. */
  static Table readTable(Path file, boolean renormalize) throws PeerFormatException, IOException {
    try (BufferedReader in = open(file)) {
      String header = readLine(in, file, 1);
      if (header == null || header.isEmpty()) {
        throw new PeerFormatException(file, 1, "missing header of class names");
      }
      List<String> classes = List.of(header.split("\t", -1));
      int k = classes.size();
      List<double[]> rows = new ArrayList<>();
      String line;
      long no = 1;
      while ((line = readLine(in, file, no + 1)) != null) {
        no++;
        double[] row = renormalize ? parseDistribution(file, no, line, classes)
            : parseRaw(file, no, line, classes);
        rows.add(row);
      }
      return new Table(classes, rows.toArray(new double[0][]));
    }
  }

  /** Reads weights.tsv: {@code n} non-negative numbers, one a line. */
  static double[] readWeights(Path file, int n) throws PeerFormatException, IOException {
    double[] w = new double[n];
    try (BufferedReader in = open(file)) {
      String line;
      int i = 0;
      while ((line = readLine(in, file, i + 1)) != null) {
        if (i == n) {
          throw new PeerFormatException(file, i + 1, "more than " + n + " weights");
        }
        try {
          w[i] = Double.parseDouble(line.trim());
        } catch (NumberFormatException e) {
          throw new PeerFormatException(file, i + 1, "weight '" + line + "' is not a number");
        }
        if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
          throw new PeerFormatException(file, i + 1, "weight " + w[i] + ", need >= 0");
        }
        i++;
      }
      if (i != n) {
        throw new PeerFormatException(file, 0, i + " weights for " + n + " rows");
      }
    }
    return w;
  }

  /**
   * Writes a split: features.svm, labels.tsv and (when {@code weights} is not null) weights.tsv.
   *
   * @param classes class names, the column order of {@code labels}
   */
  public static void writeSplit(Path splitDir, List<String> classes, List<SparseVector> features,
      double[][] labels, double[] weights) throws IOException {
    Files.createDirectories(splitDir);
    try (BufferedWriter out = Files.newBufferedWriter(splitDir.resolve("features.svm"))) {
      StringBuilder sb = new StringBuilder();
      for (SparseVector x : features) {
        sb.setLength(0);
        sb.append('0');
        for (int e = 0; e < x.nnz(); e++) {
          sb.append(' ').append(x.index(e)).append(':');
          appendNumber(sb, x.value(e));
        }
        out.append(sb).append('\n');
      }
    }
    writeDistributions(splitDir.resolve("labels.tsv"), classes, labels);
    if (weights != null) {
      try (BufferedWriter out = Files.newBufferedWriter(splitDir.resolve("weights.tsv"))) {
        StringBuilder sb = new StringBuilder();
        for (double w : weights) {
          sb.setLength(0);
          appendNumber(sb, w);
          out.append(sb).append('\n');
        }
      }
    }
  }

  /** Writes a distribution table (labels.tsv / pred.tsv layout) with full precision. */
  public static void writeDistributions(Path file, List<String> classes, double[][] rows)
      throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.append(String.join("\t", classes)).append('\n');
      StringBuilder sb = new StringBuilder();
      for (double[] row : rows) {
        sb.setLength(0);
        for (int j = 0; j < row.length; j++) {
          if (j > 0) {
            sb.append('\t');
          }
          appendNumber(sb, row[j]);
        }
        out.append(sb).append('\n');
      }
    }
  }

  /** {@code rows} over {@code from} columns reordered into {@code to} columns (same names). */
  public static double[][] reorder(double[][] rows, List<String> from, List<String> to) {
    int[] src = new int[to.size()];
    for (int j = 0; j < src.length; j++) {
      src[j] = from.indexOf(to.get(j));
      if (src[j] < 0) {
        throw new IllegalArgumentException("class '" + to.get(j) + "' not among " + from);
      }
    }
    double[][] out = new double[rows.length][src.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < src.length; j++) {
        out[i][j] = rows[i][src[j]];
      }
    }
    return out;
  }

  private static void appendNumber(StringBuilder sb, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      sb.append((long) v);
    } else {
      sb.append(v);
    }
  }

  /** The next line of {@code file} (line {@code no}); invalid UTF-8 names the file and line. */
  private static String readLine(BufferedReader in, Path file, long no)
      throws PeerFormatException, IOException {
    try {
      return in.readLine();
    } catch (CharacterCodingException e) {
      throw new PeerFormatException(file, no, "not valid UTF-8 (at this line or in the next few)");
    }
  }

  private static BufferedReader open(Path file) throws PeerFormatException, IOException {
    try {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PeerFormatException(file, 0, "file not found");
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
