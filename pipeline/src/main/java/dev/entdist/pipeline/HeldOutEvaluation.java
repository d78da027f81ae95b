package dev.entdist.pipeline;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.Corpus;
import dev.entdist.trainer.Evaluation;
import dev.entdist.trainer.PairedBootstrap;
import dev.entdist.trainer.ReferenceAlignment;
import dev.entdist.trainer.UnknownLabelPolicy;
import dev.entdist.trainer.UnknownLabelsException;
import dev.entdist.trainer.WordMetrics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;

/**
 * A model scored on the annotated occurrences of a held-out corpus: every metric, optionally per
 * word and with bootstrap intervals (sentences resampled whole), with occurrences that carry
 * labels the model does not know refused or skipped by policy.
 */
public final class HeldOutEvaluation {

  /**
   * Below this many evaluated occurrences the figures are too noisy to lean on, and the result
   * says so ({@link Result#small()}).
   */
  public static final int MIN_RELIABLE_OCCURRENCES = 30;

  private HeldOutEvaluation() {}

  /**
   * How to evaluate.
   *
   * @param threads threads for the features
   * @param unknownLabels what to do with occurrences whose labels the model does not know
   * @param byWord whether to score each word's occurrences too
   * @param bootstrap how to resample for intervals, or {@code null} for none
   */
  public record Settings(int threads, UnknownLabelPolicy unknownLabels, boolean byWord,
      PairedBootstrap.Settings bootstrap) {

    /** Validates the fields. */
    public Settings {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      Objects.requireNonNull(unknownLabels, "unknownLabels");
    }

    /** {@code threads} threads, refuse unknown labels, no per-word figures, no intervals. */
    public static Settings of(int threads) {
      return new Settings(threads, UnknownLabelPolicy.FAIL, false, null);
    }

    /** A copy with this unknown-label policy. */
    public Settings withUnknownLabels(UnknownLabelPolicy p) {
      return new Settings(threads, p, byWord, bootstrap);
    }

    /** A copy that also scores each word. */
    public Settings withByWord(boolean b) {
      return new Settings(threads, unknownLabels, b, bootstrap);
    }

    /** A copy with bootstrap intervals ({@code null}: none). */
    public Settings withBootstrap(PairedBootstrap.Settings b) {
      return new Settings(threads, unknownLabels, byWord, b);
    }
  }

  /**
   * The outcome.
   *
   * @param source the corpus
   * @param metrics every metric over the evaluated occurrences
   * @param skippedUnknownLabel occurrences left out because they carry unknown labels
   * @param unknownLabels those labels (empty when none)
   * @param byWord each word's figures, most occurrences first; empty unless asked for
   * @param intervals the bootstrap intervals of every metric (set {@code "model"}), or {@code
   *     null} unless asked for
   */
  public record Result(String source, Evaluation.Metrics metrics, int skippedUnknownLabel,
      SortedSet<String> unknownLabels, List<WordMetrics> byWord,
      PairedBootstrap.Report intervals) {

    /** Copies the collections. */
    public Result {
      unknownLabels = java.util.Collections.unmodifiableSortedSet(
          new java.util.TreeSet<>(unknownLabels));
      byWord = List.copyOf(byWord);
    }

    /** Whether fewer than {@value #MIN_RELIABLE_OCCURRENCES} occurrences were evaluated. */
    public boolean small() {
      return metrics.examples() < MIN_RELIABLE_OCCURRENCES;
    }
  }

  /** The name of the single prediction set in {@link Result#intervals()}. */
  public static final String SET = "model";

  /**
   * Evaluates {@code model} on {@code corpus}.
   *
   * @throws UnknownLabelsException under {@link UnknownLabelPolicy#FAIL} when some occurrence
   *     carries mass on a label the model does not know
   * @throws PipelineException when there is nothing to evaluate (an empty corpus, or every
   *     occurrence skipped)
   */
  public static Result evaluate(TextModel model, Corpus corpus, Settings settings) {
    if (corpus.size() == 0) {
      throw new PipelineException(corpus.source() + " has no occurrences to evaluate on");
    }
    List<Map<String, Double>> annotated = corpus.examples().stream()
        .map(AnnotatedExample::labels).toList();
    ReferenceAlignment.Aligned aligned = ReferenceAlignment.align(model.labels(), annotated,
        settings.unknownLabels());
    if (aligned.references().length == 0) {
      throw new PipelineException("every one of the " + corpus.size() + " occurrences of "
          + corpus.source() + " carries labels " + aligned.unknownLabels() + " that model "
          + model.origin() + " does not know: nothing is left to evaluate");
    }
    List<AnnotatedExample> kept = aligned.keep(corpus.examples());
    double[][] predictions = model.predict(kept, settings.threads());
    double[][] references = aligned.references();
    Evaluation.Metrics metrics = Evaluation.evaluate(references, predictions);
    List<WordMetrics> byWord = settings.byWord()
        ? Evaluation.byWord(references, predictions,
            kept.stream().map(AnnotatedExample::word).toList())
        : List.of();
    PairedBootstrap.Report intervals = settings.bootstrap() == null ? null
        : PairedBootstrap.run(references, Map.of(SET, predictions),
            kept.stream().map(AnnotatedExample::text).toList(), settings.bootstrap());
    return new Result(corpus.source(), metrics, aligned.skipped(), aligned.unknownLabels(),
        byWord, intervals);
  }
}
