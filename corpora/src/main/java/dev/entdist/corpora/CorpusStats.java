package dev.entdist.corpora;

import dev.entdist.divergence.Distribution;
import dev.entdist.divergence.Divergences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Summary figures of a corpus, gathered one occurrence at a time (so files of any size can be
 * summarised): counts, entropies, how often labels are soft, annotator agreement, per word and per
 * label. Entropies are in nats.
 *
 * @param examples number of occurrences
 * @param targets number of distinct lower-cased targets
 * @param labels every label, sorted
 * @param meanEntropyNats mean over occurrences of the entropy of their label distribution
 * @param nonOneHotFraction share of occurrences whose distribution has more than one label
 * @param meanAnnotators mean annotator count
 * @param agreement agreement of the annotators over the occurrences that have ≥ 2 votes
 * @param words per word (lower-cased target), sorted by word
 * @param labelStats per label, sorted by label
 * @param answersPerAnnotator annotator id → number of answers, sorted by id, over the occurrences
 *     that name their annotators (empty when none does)
 */
public record CorpusStats(
    long examples,
    int targets,
    List<String> labels,
    double meanEntropyNats,
    double nonOneHotFraction,
    double meanAnnotators,
    Agreement agreement,
    List<WordStats> words,
    List<LabelStats> labelStats,
    Map<String, Long> answersPerAnnotator) {

  /** Copies the lists and the map. */
  public CorpusStats {
    labels = List.copyOf(labels);
    words = List.copyOf(words);
    labelStats = List.copyOf(labelStats);
    answersPerAnnotator =
        java.util.Collections.unmodifiableMap(new TreeMap<>(answersPerAnnotator));
  }

  /** Number of distinct annotators that gave answers. */
  public int annotatorCount() {
    return answersPerAnnotator.size();
  }

  /**
   * Annotator agreement over the occurrences with at least two votes. For an occurrence with n
   * votes of which n_k chose label k, the pairwise agreement is Σ n_k(n_k−1) / (n(n−1)), the share
   * of annotator pairs that agree; Fleiss' κ = (P̄ − P_e) / (1 − P_e) with P̄ the mean pairwise
   * agreement and P_e = Σ_k p_k², p_k the share of all votes given to k. Krippendorff's α
   * (nominal) = (A_o − A_e) / (1 − A_e) over the same occurrences, with A_o = Σ_u Σ_k
   * n_uk(n_uk − 1)/(n_u − 1) / n the share of agreeing pairable values (n = Σ_u n_u votes) and
   * A_e = Σ_k n_k(n_k − 1) / (n(n − 1)); unlike κ it weighs each occurrence by its votes and
   * corrects for the finite sample.
   *
   * @param items occurrences with at least two votes
   * @param meanPairwiseAgreement P̄ (NaN without items)
   * @param fleissKappa κ (NaN without items, or when P_e = 1)
   * @param krippendorffAlpha α (NaN without items, or when A_e = 1)
   */
  public record Agreement(long items, double meanPairwiseAgreement, double fleissKappa,
      double krippendorffAlpha) {}

  /**
   * Figures of one word.
   *
   * @param word the lower-cased target
   * @param count its occurrences
   * @param meanEntropyNats mean entropy of its occurrences' distributions
   * @param typeDistribution mean of its occurrences' distributions (its type-level reference)
   * @param typeEntropyNats entropy of {@code typeDistribution}: how ambiguous the word is
   * @param nonOneHotFraction share of its occurrences with more than one label
   * @param agreement agreement over its occurrences with at least two votes
   */
  public record WordStats(String word, long count, double meanEntropyNats,
      Map<String, Double> typeDistribution, double typeEntropyNats, double nonOneHotFraction,
      Agreement agreement) {

    /** Copies the distribution. */
    public WordStats {
      typeDistribution = java.util.Collections.unmodifiableMap(new TreeMap<>(typeDistribution));
    }
  }

  /**
   * Figures of one label.
   *
   * @param label the label
   * @param argmaxCount occurrences whose most probable label it is (ties: first in label order)
   * @param mass sum of its probability over all occurrences
   * @param words distinct words that give it a positive probability
   */
  public record LabelStats(String label, long argmaxCount, double mass, int words) {}

  /** The {@code k} words of highest type-level entropy (ties: more occurrences, then by word). */
  public List<WordStats> mostAmbiguous(int k) {
    List<WordStats> sorted = new ArrayList<>(words);
    sorted.sort(Comparator.comparingDouble(WordStats::typeEntropyNats).reversed()
        .thenComparing(Comparator.comparingLong(WordStats::count).reversed())
        .thenComparing(WordStats::word));
    return List.copyOf(sorted.subList(0, Math.min(k, sorted.size())));
  }

  /** A new, empty accumulator. */
  public static Builder builder() {
    return new Builder();
  }

  /** Gathers the figures one occurrence at a time. */
  public static final class Builder {

    private long examples;
    private double entropySum;
    private long nonOneHot;
    private long annotatorSum;
    private final AgreementAccumulator agreement = new AgreementAccumulator();
    private final Map<String, WordAccumulator> words = new TreeMap<>();
    private final Map<String, long[]> argmax = new TreeMap<>();
    private final Map<String, double[]> mass = new TreeMap<>();
    private final Map<String, Set<String>> labelWords = new TreeMap<>();
    private final Map<String, Long> answers = new TreeMap<>();

    private Builder() {}

    /** Adds one occurrence. */
    public Builder add(AnnotatedExample e) {
      examples++;
      double h = entropy(e.labels());
      entropySum += h;
      if (!e.isOneHot()) {
        nonOneHot++;
      }
      annotatorSum += e.annotators();
      agreement.add(e.votes());
      for (Annotation a : e.annotations()) {
        answers.merge(a.annotator(), 1L, Long::sum);
      }
      words.computeIfAbsent(e.word(), w -> new WordAccumulator()).add(e, h);
      String best = null;
      for (Map.Entry<String, Double> l : e.labels().entrySet()) {
        mass.computeIfAbsent(l.getKey(), k -> new double[1])[0] += l.getValue();
        labelWords.computeIfAbsent(l.getKey(), k -> new HashSet<>()).add(e.word());
        if (best == null || l.getValue() > e.labels().get(best)) {
          best = l.getKey();
        }
      }
      argmax.computeIfAbsent(best, k -> new long[1])[0]++;
      return this;
    }

    /** The figures of everything added so far. */
    public CorpusStats build() {
      List<WordStats> wordStats = new ArrayList<>();
      words.forEach((w, acc) -> wordStats.add(acc.stats(w)));
      List<LabelStats> labelStats = new ArrayList<>();
      for (Map.Entry<String, double[]> m : mass.entrySet()) {
        long a = argmax.getOrDefault(m.getKey(), new long[1])[0];
        labelStats.add(new LabelStats(m.getKey(), a, m.getValue()[0],
            labelWords.get(m.getKey()).size()));
      }
      return new CorpusStats(examples, words.size(), new ArrayList<>(mass.keySet()),
          examples == 0 ? Double.NaN : entropySum / examples,
          examples == 0 ? Double.NaN : nonOneHot / (double) examples,
          examples == 0 ? Double.NaN : annotatorSum / (double) examples,
          agreement.result(), wordStats, labelStats, answers);
    }
  }

  private static double entropy(Map<String, Double> p) {
    return Divergences.entropy(Distribution.of(p));
  }

  private static final class WordAccumulator {
    long count;
    double entropySum;
    long nonOneHot;
    final Map<String, Double> sum = new TreeMap<>();
    final AgreementAccumulator agreement = new AgreementAccumulator();

    void add(AnnotatedExample e, double h) {
      count++;
      entropySum += h;
      if (!e.isOneHot()) {
        nonOneHot++;
      }
      e.labels().forEach((k, v) -> sum.merge(k, v, Double::sum));
      agreement.add(e.votes());
    }

    WordStats stats(String word) {
      Map<String, Double> mean = new TreeMap<>();
      sum.forEach((k, v) -> mean.put(k, v / count));
      return new WordStats(word, count, entropySum / count, mean, entropy(mean),
          nonOneHot / (double) count, agreement.result());
    }
  }

  private static final class AgreementAccumulator {
    long items;
    double pairwiseSum;
    double coincidentSum;
    long totalVotes;
    final Map<String, Long> votesPerLabel = new TreeMap<>();

    void add(Map<String, Integer> votes) {
      long n = 0;
      long agreeingPairs = 0;
      for (int c : votes.values()) {
        n += c;
        agreeingPairs += (long) c * (c - 1);
      }
      if (n < 2) {
        return;
      }
      items++;
      pairwiseSum += agreeingPairs / (double) (n * (n - 1));
      coincidentSum += agreeingPairs / (double) (n - 1);
      totalVotes += n;
      votes.forEach((k, c) -> votesPerLabel.merge(k, (long) c, Long::sum));
    }

    Agreement result() {
      if (items == 0) {
        return new Agreement(0, Double.NaN, Double.NaN, Double.NaN);
      }
      double observed = pairwiseSum / items;
      double expected = 0;
      double expectedPairs = 0;
      for (long c : votesPerLabel.values()) {
        double p = c / (double) totalVotes;
        expected += p * p;
        expectedPairs += c * (c - 1.0);
      }
      double kappa = expected >= 1 ? Double.NaN : (observed - expected) / (1 - expected);
      double n = totalVotes;
      double chance = expectedPairs / (n * (n - 1));
      double alpha = chance >= 1 ? Double.NaN : (coincidentSum / n - chance) / (1 - chance);
      return new Agreement(items, observed, kappa, alpha);
    }
  }
}
