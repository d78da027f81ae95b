package dev.entdist.corpora;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus that ships inside the jar: one JSONL resource per word under {@code
 * dev/entdist/corpora/bundled/}, listed in {@code index.txt} there, with a README describing how it
 * was written and labelled. On the command line the word {@code bundled} names it.
 */
public final class BundledCorpus {

  /** The name that stands for this corpus wherever a corpus file is expected. */
  public static final String NAME = "bundled";

  private static final String ROOT = "/dev/entdist/corpora/bundled/";

  private BundledCorpus() {}

  /** The words that have a resource, in index order. */
  public static List<String> words() {
    List<String> words = new ArrayList<>();
    try (BufferedReader in = open("index.txt")) {
      String line;
      while ((line = in.readLine()) != null) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          words.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }

  /** Every bundled occurrence, word by word in index order. */
  public static Corpus load() {
    List<AnnotatedExample> all = new ArrayList<>();
    for (String word : words()) {
      all.addAll(load(word).examples());
    }
    return new Corpus(NAME, all);
  }

  /** The occurrences of one bundled word. */
  public static Corpus load(String word) {
    String name = word + ".jsonl";
    try (BufferedReader in = open(name)) {
      return JsonlFormat.read(in, NAME + ":" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CorpusFormatException e) {
      throw new IllegalStateException("the bundled corpus is broken: " + e.getMessage(), e);
    }
  }

  /** Whether this build carries the bundled corpus (its {@code index.txt} is on the classpath). */
  public static boolean isAvailable() {
    return BundledCorpus.class.getResource(ROOT + "index.txt") != null;
  }

  /** The raw stream of one bundled resource (e.g. {@code cell.jsonl}). */
  static InputStream resource(String name) throws IOException {
    InputStream in = BundledCorpus.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IOException("bundled corpus resource " + ROOT + name + " is missing");
    }
    return in;
  }

  private static BufferedReader open(String name) throws IOException {
    InputStream in = BundledCorpus.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IOException("bundled corpus resource " + ROOT + name + " is missing");
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
