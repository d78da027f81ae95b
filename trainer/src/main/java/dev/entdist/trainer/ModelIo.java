package dev.entdist.trainer;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entdist.io.OutputTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Model files. Layout (big-endian):
 *
 * <pre>
 *   8 bytes   magic "ENTDISTM"
 *   int       format version ({@value #FORMAT_VERSION})
 *   int       header length H, then H bytes of UTF-8 JSON: labels, restricted, delta,
 *             inventories, feature_config (opaque JSON text or null), word_summaries,
 *             provenance, rows (R), labels count (K); since format 2 also temperature,
 *             unrestricted_weight and labels_without_mass
 *   R ints    feature ids of the stored weight rows, strictly increasing
 *   R·K dbl   weights, row-major
 *   K dbl     bias
 *   32 bytes  SHA-256 of everything before it
 * </pre>
 *
 * <p>Only weight rows with a non-zero entry are stored; the header's optional {@code n_features}
 * records the feature dimension. Files are written through {@link OutputTarget}: to a temporary
 * file in the target directory moved into place atomically, so a crash never leaves half a model;
 * pipes, devices and standard output are written straight through; a directory is refused.
 * Reading checks the magic, refuses newer format versions, verifies the checksum, bounds every
 * length by the file size and parses the header as a plain JSON tree (no polymorphic typing).
 * The same model and provenance give the same bytes. Format 1 files (before temperature,
 * unrestricted weight and labels without mass) are read with temperature 1, the δ rule and no
 * recorded labels without mass.
 */
public final class ModelIo {

  /** The format version this code writes and the newest it reads. */
  public static final int FORMAT_VERSION = 2;

  /** Files larger than this are refused (the format addresses arrays with ints). */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64L;

  private static final byte[] MAGIC = "ENTDISTM".getBytes(StandardCharsets.US_ASCII);
  private static final int DIGEST_BYTES = 32;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private ModelIo() {}

  /**
   * Writes {@code model} to {@code file} atomically (see {@link #write(SoftmaxModel,
   * OutputTarget)}).
   *
   * @throws IOException if writing or moving fails; the target is then left untouched
   * @throws IllegalArgumentException if a parameter is NaN or infinite (nothing is written)
   */
  public static void write(SoftmaxModel model, Path file) throws IOException {
    write(model, OutputTarget.of(file));
  }

  /**
   * Writes {@code model} to {@code target}: a regular file through a temporary file moved into
   * place (a crash never leaves half a model; a symbolic link stays a link and its target is
   * replaced), standard output, a pipe or a device straight through. A directory is refused.
   *
   * @throws IOException if writing or moving fails; a regular file is then left untouched
   * @throws IllegalArgumentException if a parameter is NaN or infinite (nothing is written)
   */
  public static void write(SoftmaxModel model, OutputTarget target) throws IOException {
    byte[] bytes = encode(model);
    target.write(out -> out.write(bytes));
  }

  /**
   * Reads a model file.
   *
   * @throws ModelFormatException if the file is not a model, is from a newer format version, is
   *     damaged or inconsistent (the message names the file and the problem)
   * @throws IOException if it cannot be read
   */
  public static SoftmaxModel read(Path file) throws IOException, ModelFormatException {
    if (Files.isDirectory(file)) {
      throw new ModelFormatException(file, "is a directory, not a model file");
    }
    if (Files.isRegularFile(file)) {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new ModelFormatException(file, "file of " + size
            + " bytes is larger than the limit " + MAX_FILE_BYTES);
      }
      return decode(file, Files.readAllBytes(file));
    }
    // A pipe or a device (/dev/stdin, a FIFO, /dev/null): read once, bounded by the limit.
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES);
      if (in.read() >= 0) {
        throw new ModelFormatException(file, "holds more than the limit of " + MAX_FILE_BYTES
            + " bytes");
      }
      if (bytes.length == 0) {
        throw new ModelFormatException(file, "is empty, not a model file");
      }
      return decode(file, bytes);
    }
  }

  static byte[] encode(SoftmaxModel model) {
    int k = model.labels().size();
    FeatureIndex index = model.featureIndex();
    double[] w = model.weightArray();
    requireFinite(w, "weight");
    requireFinite(model.biasArray(), "bias");
    model.wordSummaries().forEach((word, d) -> requireFinite(d, "word summary of '" + word + "'"));
    List<Integer> keep = new ArrayList<>();
    for (int r = 0; r < index.size(); r++) {
      for (int j = 0; j < k; j++) {
        if (w[r * k + j] != 0) {
          keep.add(r);
          break;
        }
      }
    }
    byte[] header = header(model, keep.size()).getBytes(StandardCharsets.UTF_8);
    long total = MAGIC.length + 8L + header.length + 4L * keep.size()
        + 8L * keep.size() * k + 8L * k + DIGEST_BYTES;
    if (total > MAX_FILE_BYTES) {
      throw new IllegalArgumentException("model of " + total + " bytes exceeds the format limit");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.BIG_ENDIAN);
    buf.put(MAGIC).putInt(FORMAT_VERSION).putInt(header.length).put(header);
    for (int r : keep) {
      buf.putInt(index.id(r));
    }
    for (int r : keep) {
      for (int j = 0; j < k; j++) {
        buf.putDouble(w[r * k + j]);
      }
    }
    for (int j = 0; j < k; j++) {
      buf.putDouble(model.bias(j));
    }
    buf.put(sha256(buf.array(), buf.position()));
    return buf.array();
  }

  private static String header(SoftmaxModel model, int rows) {
    ObjectNode h = JSON.createObjectNode();
    ArrayNode labels = h.putArray("labels");
    model.labels().forEach(labels::add);
    h.put("rows", rows);
    h.put("restricted", model.restricted());
    h.put("delta", model.delta());
    ObjectNode inv = h.putObject("inventories");
    model.inventories().forEach((word, list) -> list.forEach(inv.putArray(word)::add));
    if (model.featureDimension() > 0) {
      h.put("n_features", model.featureDimension());
    }
    if (model.featureConfigJson() == null) {
      h.putNull("feature_config");
    } else {
      h.put("feature_config", model.featureConfigJson());
    }
    ObjectNode ws = h.putObject("word_summaries");
    model.wordSummaries().forEach((word, d) -> {
      ArrayNode a = ws.putArray(word);
      for (double v : d) {
        a.add(v);
      }
    });
    h.put("temperature", model.temperature());
    h.put("unrestricted_weight", model.unrestrictedWeight());
    model.labelsWithoutMass().forEach(h.putArray("labels_without_mass")::add);
    Provenance p = model.provenance();
    ObjectNode pn = h.putObject("provenance");
    pn.put("corpus_checksum", p.corpusChecksum());
    pn.put("regime", p.regime());
    pn.put("lambda", p.lambda());
    pn.put("seed", p.seed());
    pn.put("optimizer", p.optimizer());
    pn.put("iterations", p.iterations());
    pn.put("final_objective", p.finalObjective());
    pn.put("converged", p.converged());
    pn.put("entdist_version", p.entdistVersion());
    ObjectNode deps = pn.putObject("dependency_versions");
    p.dependencyVersions().forEach(deps::put);
    pn.put("date", p.date());
    try {
      return JSON.writeValueAsString(h);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the model header", e);
    }
  }

  static SoftmaxModel decode(Path file, byte[] bytes) throws ModelFormatException {
    int fixed = MAGIC.length + 8;
    if (bytes.length < fixed + DIGEST_BYTES
        || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new ModelFormatException(file, "not an entdist model file (no ENTDISTM magic)");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    buf.position(MAGIC.length);
    int version = buf.getInt();
    if (version > FORMAT_VERSION) {
      throw new ModelFormatException(file, "model format version " + version
          + " was written by a newer entdist; this version reads format " + FORMAT_VERSION
          + " and older: upgrade entdist");
    }
    if (version < 1) {
      throw new ModelFormatException(file, "invalid model format version " + version);
    }
    int body = bytes.length - DIGEST_BYTES;
    byte[] expected = Arrays.copyOfRange(bytes, body, bytes.length);
    if (!MessageDigest.isEqual(expected, sha256(bytes, body))) {
      throw new ModelFormatException(file, "checksum mismatch: the file is damaged or truncated");
    }
    int headerLength = buf.getInt();
    if (headerLength < 2 || headerLength > body - fixed) {
      throw new ModelFormatException(file, "header length " + headerLength + " outside the file");
    }
    JsonNode h;
    try {
      h = JSON.readTree(new String(bytes, fixed, headerLength, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ModelFormatException(file, "header is not JSON: " + e.getMessage());
    }
    buf.position(fixed + headerLength);
    try {
      List<String> labels = strings(field(h, "labels"));
      int k = labels.size();
      int rows = field(h, "rows").asInt(-1);
      long need = 4L * rows + 8L * rows * k + 8L * k;
      if (rows < 0 || k == 0 || need != body - buf.position()) {
        throw new ModelFormatException(file, "header says " + rows + " rows x " + k
            + " labels, which does not match the " + (body - buf.position()) + " bytes of data");
      }
      int[] ids = new int[rows];
      buf.asIntBuffer().get(ids);
      buf.position(buf.position() + 4 * rows);
      double[] w = new double[rows * k];
      buf.asDoubleBuffer().get(w);
      buf.position(buf.position() + 8 * w.length);
      double[] bias = new double[k];
      buf.asDoubleBuffer().get(bias);
      requireFinite(w, "weight");
      requireFinite(bias, "bias");
      Map<String, Set<String>> inventories = new TreeMap<>();
      field(h, "inventories").fields().forEachRemaining(
          e -> inventories.put(e.getKey(), new TreeSet<>(strings(e.getValue()))));
      Map<String, double[]> summaries = new TreeMap<>();
      var it = field(h, "word_summaries").fields();
      while (it.hasNext()) {
        var e = it.next();
        double[] d = numbers(e.getValue(), "word summary of '" + e.getKey() + "'");
        summaries.put(e.getKey(), d);
      }
      JsonNode fc = field(h, "feature_config");
      JsonNode p = field(h, "provenance");
      Map<String, String> deps = new TreeMap<>();
      field(p, "dependency_versions").fields()
          .forEachRemaining(e -> deps.put(e.getKey(), e.getValue().asText()));
      Provenance prov = new Provenance(text(field(p, "corpus_checksum")),
          text(field(p, "regime")), field(p, "lambda").asDouble(), field(p, "seed").asLong(),
          text(field(p, "optimizer")), field(p, "iterations").asInt(),
          field(p, "final_objective").asDouble(), field(p, "converged").asBoolean(),
          text(field(p, "entdist_version")), deps, text(field(p, "date")));
      SoftmaxModel.Adjustments adjustments = version < 2 ? SoftmaxModel.Adjustments.NONE
          : new SoftmaxModel.Adjustments(number(field(h, "temperature"), "temperature"),
              number(field(h, "unrestricted_weight"), "unrestricted_weight"),
              new TreeSet<>(strings(field(h, "labels_without_mass"))));
      JsonNode dimension = h.get("n_features");
      if (dimension != null && !(dimension.isIntegralNumber() && dimension.canConvertToInt()
          && dimension.intValue() > 0)) {
        throw new IllegalArgumentException("header field 'n_features' is " + dimension
            + ", not a positive integer");
      }
      return new SoftmaxModel(labels, FeatureIndex.ofSortedIds(ids), w, bias, inventories,
          field(h, "restricted").asBoolean(), field(h, "delta").asDouble(), text(fc), summaries,
          prov, dimension == null ? 0 : dimension.intValue(), adjustments);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, "inconsistent model: " + e.getMessage());
    }
  }

  /** A JSON number. */
  private static double number(JsonNode v, String what) {
    if (!v.isNumber()) {
      throw new IllegalArgumentException("header field '" + what + "' holds " + v
          + ", not a number");
    }
    return v.asDouble();
  }

  /** A JSON array of finite numbers. */
  private static double[] numbers(JsonNode array, String what) {
    if (!array.isArray()) {
      throw new IllegalArgumentException(what + " is not an array of numbers");
    }
    double[] d = new double[array.size()];
    for (int j = 0; j < d.length; j++) {
      JsonNode v = array.get(j);
      if (!v.isNumber()) {
        throw new IllegalArgumentException(what + " holds " + v + ", not a number");
      }
      d[j] = v.asDouble();
    }
    requireFinite(d, what);
    return d;
  }

  /** Model parameters must be finite: NaN or ∞ would turn every prediction into garbage. */
  private static void requireFinite(double[] values, String what) {
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw new IllegalArgumentException(what + " " + j + " is " + values[j]
            + ": model parameters must be finite");
      }
    }
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode v = node == null ? null : node.get(name);
    if (v == null) {
      throw new IllegalArgumentException("header field '" + name + "' is missing");
    }
    return v;
  }

  private static String text(JsonNode v) {
    return v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("expected a JSON array of strings, got " + array);
    }
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static byte[] sha256(byte[] bytes, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(bytes, 0, length);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
