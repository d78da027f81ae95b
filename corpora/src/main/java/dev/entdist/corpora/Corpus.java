package dev.entdist.corpora;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An in-memory list of annotated occurrences with the name of where they came from.
 *
 * @param source file or resource name, for messages and provenance
 * @param examples the occurrences, in source order
 */
public record Corpus(String source, List<AnnotatedExample> examples) {

  /** Copies the list. */
  public Corpus {
    examples = List.copyOf(examples);
  }

  /** Number of occurrences. */
  public int size() {
    return examples.size();
  }

  /** The sorted union of every label in the corpus: the label space of a model trained on it. */
  public List<String> labels() {
    Set<String> all = new TreeSet<>();
    for (AnnotatedExample e : examples) {
      all.addAll(e.labels().keySet());
    }
    return List.copyOf(all);
  }

  /** Lower-cased target → number of occurrences, sorted by word. */
  public Map<String, Integer> wordCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (AnnotatedExample e : examples) {
      counts.merge(e.word(), 1, Integer::sum);
    }
    return counts;
  }
}
