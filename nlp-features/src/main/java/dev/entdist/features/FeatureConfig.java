package dev.entdist.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every choice that determines the features of an occurrence: which generators run, the window
 * size, the affix lengths, and how feature strings become indices (signed hashing into
 * 2<sup>hashBits</sup> buckets, or an explicit vocabulary fitted with a minimum count). A model
 * stores {@link #toJson()} and rebuilds the same pipeline with {@link #fromJson(String)}.
 *
 * @param hashBits b: hashed features fall into 2<sup>b</sup> buckets (1..30; default 18)
 * @param window how many tokens on each side of the target the window generators look at (0..10)
 * @param generators names of the enabled generators (see {@link FeatureGenerator}), sorted
 * @param affixLength prefixes and suffixes of the target of length 1..affixLength (1..10)
 * @param ngramMin the shortest character n-gram of {@code char-ngrams} (1..ngramMax)
 * @param ngramMax the longest character n-gram of {@code char-ngrams} (ngramMin..10)
 * @param hashSeed seed of the MurmurHash3 feature hash
 * @param indexing how feature strings map to indices
 * @param minCount in vocabulary mode, the number of training occurrences a feature needs (≥ 1)
 * @param vocabulary in vocabulary mode, the sorted feature strings; index = position
 * @param modelDirectory a directory of the user's OpenNLP model files, or null for the English
 *     models on the classpath
 */
public record FeatureConfig(
    int hashBits,
    int window,
    Set<String> generators,
    int affixLength,
    int ngramMin,
    int ngramMax,
    int hashSeed,
    Indexing indexing,
    int minCount,
    List<String> vocabulary,
    String modelDirectory) {

  /** How feature strings become vector indices. */
  public enum Indexing {
    /** Signed MurmurHash3 into 2<sup>hashBits</sup> buckets (no fitting needed). */
    HASH,
    /** An explicit, fitted vocabulary: unknown features are dropped. */
    VOCABULARY
  }

  /** Default number of hash bits. */
  public static final int DEFAULT_HASH_BITS = 18;
  /** Default window half-width. */
  public static final int DEFAULT_WINDOW = 1;
  /** Default maximum affix length. */
  public static final int DEFAULT_AFFIX_LENGTH = 3;
  /** Default shortest character n-gram. */
  public static final int DEFAULT_NGRAM_MIN = 3;
  /** Default longest character n-gram. */
  public static final int DEFAULT_NGRAM_MAX = 5;

  /**
   * The generators {@link #defaults()} enables: one view of each kind of evidence. The window's
   * words and tags by position (not also as bags, nor its lemmas, which repeat the words), the
   * target's form, lemma, tag, shape, affixes, capitalisation, character n-grams and words, and
   * the sentence's content lemmas and position. Chosen on held-out data (docs/evaluation.md).
   */
  public static final Set<String> DEFAULT_GENERATORS = Set.of("affixes", "capitalisation",
      "char-ngrams", "form", "lemma", "lower", "pos", "sentence-lemmas", "sentence-position",
      "shape", "target-words", "window-pos", "window-words");

  /**
   * The generators of {@link #firstDefaults()}: every generator but {@code char-ngrams} and
   * {@code target-words}.
   */
  public static final Set<String> FIRST_DEFAULT_GENERATORS = Set.of("affixes", "bag-lemmas",
      "bag-pos", "bag-words", "capitalisation", "form", "lemma", "lower", "pos", "sentence-lemmas",
      "sentence-position", "shape", "window-lemmas", "window-pos", "window-words");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS = List.of("hash_bits", "window", "generators",
      "affix_length", "ngram_min", "ngram_max", "hash_seed", "indexing", "min_count",
      "vocabulary", "model_directory");

  /** Validates every field and makes the collections immutable sorted copies. */
  public FeatureConfig {
    if (hashBits < 1 || hashBits > 30) {
      throw new IllegalArgumentException("hash_bits must be in 1..30, got " + hashBits);
    }
    if (window < 0 || window > 10) {
      throw new IllegalArgumentException("window must be in 0..10, got " + window);
    }
    Objects.requireNonNull(generators, "generators");
    TreeSet<String> sorted = new TreeSet<>();
    for (String g : generators) {
      FeatureGenerator.byName(g);
      sorted.add(g);
    }
    generators = Collections.unmodifiableSortedSet(sorted);
    if (affixLength < 1 || affixLength > 10) {
      throw new IllegalArgumentException("affix_length must be in 1..10, got " + affixLength);
    }
    if (ngramMin < 1 || ngramMin > ngramMax || ngramMax > 10) {
      throw new IllegalArgumentException("ngram_min and ngram_max must satisfy 1 <= ngram_min"
          + " <= ngram_max <= 10, got " + ngramMin + " and " + ngramMax);
    }
    Objects.requireNonNull(indexing, "indexing");
    if (minCount < 1) {
      throw new IllegalArgumentException("min_count must be >= 1, got " + minCount);
    }
    vocabulary = vocabulary == null ? List.of() : List.copyOf(vocabulary);
    for (int i = 1; i < vocabulary.size(); i++) {
      if (vocabulary.get(i - 1).compareTo(vocabulary.get(i)) >= 0) {
        throw new IllegalArgumentException(
            "vocabulary not strictly sorted at entry " + i + " ('" + vocabulary.get(i) + "')");
      }
    }
    if (indexing == Indexing.HASH && !vocabulary.isEmpty()) {
      throw new IllegalArgumentException("a vocabulary is given but indexing is HASH");
    }
  }

  /**
   * The default configuration: the {@link #DEFAULT_GENERATORS}, window 1, affixes up to 3,
   * character n-grams of 3 to 5, 2<sup>18</sup> hashed buckets, seed 0, the bundled English
   * models.
   */
  public static FeatureConfig defaults() {
    return new FeatureConfig(DEFAULT_HASH_BITS, DEFAULT_WINDOW, DEFAULT_GENERATORS,
        DEFAULT_AFFIX_LENGTH, DEFAULT_NGRAM_MIN, DEFAULT_NGRAM_MAX, 0, Indexing.HASH, 1,
        List.of(), null);
  }

  /**
   * The defaults before character n-grams: the {@link #FIRST_DEFAULT_GENERATORS}, window 2, the
   * rest as {@link #defaults()}. Models trained with those defaults store this configuration
   * (without n-gram lengths, which it does not use) and keep predicting with it.
   */
  public static FeatureConfig firstDefaults() {
    return defaults().withGenerators(FIRST_DEFAULT_GENERATORS).withWindow(2);
  }

  /** The number of vector dimensions: 2<sup>hashBits</sup>, or the vocabulary size. */
  public int dimension() {
    return indexing == Indexing.HASH ? 1 << hashBits : vocabulary.size();
  }

  /** Whether any enabled generator needs lemmas (so the lemmatiser must run). */
  public boolean needsLemmas() {
    for (String g : generators) {
      if (FeatureGenerator.byName(g).needsLemmas()) {
        return true;
      }
    }
    return false;
  }

  /** A copy with another number of hash bits. */
  public FeatureConfig withHashBits(int bits) {
    return new FeatureConfig(bits, window, generators, affixLength, ngramMin, ngramMax, hashSeed,
        indexing, minCount, vocabulary, modelDirectory);
  }

  /** A copy with another window half-width. */
  public FeatureConfig withWindow(int size) {
    return new FeatureConfig(hashBits, size, generators, affixLength, ngramMin, ngramMax, hashSeed,
        indexing, minCount, vocabulary, modelDirectory);
  }

  /** A copy whose {@code char-ngrams} run from {@code min} to {@code max} code points. */
  public FeatureConfig withNgrams(int min, int max) {
    return new FeatureConfig(hashBits, window, generators, affixLength, min, max, hashSeed,
        indexing, minCount, vocabulary, modelDirectory);
  }

  /** A copy with exactly these generators enabled. */
  public FeatureConfig withGenerators(Set<String> names) {
    return new FeatureConfig(hashBits, window, names, affixLength, ngramMin, ngramMax, hashSeed,
        indexing, minCount, vocabulary, modelDirectory);
  }

  /** A copy that loads the OpenNLP models from {@code dir} (null: the bundled models). */
  public FeatureConfig withModelDirectory(Path dir) {
    return new FeatureConfig(hashBits, window, generators, affixLength, ngramMin, ngramMax,
        hashSeed, indexing, minCount, vocabulary, dir == null ? null : dir.toString());
  }

  /** A copy in vocabulary mode with this fitted, sorted vocabulary. */
  public FeatureConfig withVocabulary(int minimumCount, List<String> sortedVocabulary) {
    return new FeatureConfig(hashBits, window, generators, affixLength, ngramMin, ngramMax,
        hashSeed, Indexing.VOCABULARY, minimumCount, sortedVocabulary, modelDirectory);
  }

  /** This configuration as one JSON object with snake_case keys, in a fixed key order. */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("hash_bits", hashBits);
    o.put("window", window);
    ArrayNode gens = o.putArray("generators");
    generators.forEach(gens::add);
    o.put("affix_length", affixLength);
    o.put("ngram_min", ngramMin);
    o.put("ngram_max", ngramMax);
    o.put("hash_seed", hashSeed);
    o.put("indexing", indexing.name().toLowerCase(java.util.Locale.ROOT));
    o.put("min_count", minCount);
    ArrayNode vocab = o.putArray("vocabulary");
    vocabulary.forEach(vocab::add);
    if (modelDirectory == null) {
      o.putNull("model_directory");
    } else {
      o.put("model_directory", modelDirectory);
    }
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write feature configuration", e);
    }
  }

  /**
   * Parses {@link #toJson()} output. Missing fields take their defaults; unknown fields, unknown
   * generator names and out-of-range values are rejected.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static FeatureConfig fromJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "feature configuration is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("feature configuration must be a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (!FIELDS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown field '" + key + "' in feature configuration; known: " + FIELDS);
      }
    }
    FeatureConfig d = defaults();
    Set<String> generators = root.has("generators")
        ? new TreeSet<>(strings(root, "generators")) : d.generators();
    Indexing indexing = d.indexing();
    if (root.hasNonNull("indexing")) {
      String name = text(root, "indexing");
      try {
        indexing = Indexing.valueOf(name.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "field 'indexing' is '" + name + "'; expected 'hash' or 'vocabulary'", e);
      }
    }
    String dir = root.hasNonNull("model_directory") ? text(root, "model_directory") : null;
    try {
      return new FeatureConfig(
          integer(root, "hash_bits", d.hashBits()),
          integer(root, "window", d.window()),
          generators,
          integer(root, "affix_length", d.affixLength()),
          integer(root, "ngram_min", d.ngramMin()),
          integer(root, "ngram_max", d.ngramMax()),
          integer(root, "hash_seed", d.hashSeed()),
          indexing,
          integer(root, "min_count", d.minCount()),
          root.has("vocabulary") ? strings(root, "vocabulary") : List.of(),
          dir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("feature configuration: " + e.getMessage(), e);
    }
  }

  private static int integer(JsonNode root, String field, int fallback) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isInt()) {
      throw new IllegalArgumentException("field '" + field + "' must be an integer, got " + n);
    }
    return n.intValue();
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (!n.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string, got " + n);
    }
    return n.textValue();
  }

  private static List<String> strings(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (!n.isArray()) {
      throw new IllegalArgumentException("field '" + field + "' must be an array, got " + n);
    }
    List<String> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual()) {
        throw new IllegalArgumentException(
            "field '" + field + "' entry " + i + " must be a string, got " + n.get(i));
      }
      out.add(n.get(i).textValue());
    }
    return out;
  }
}
