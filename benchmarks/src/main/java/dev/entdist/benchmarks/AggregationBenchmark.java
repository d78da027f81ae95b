package dev.entdist.benchmarks;

import dev.entdist.corpora.aggregate.AggregationMethod;
import dev.entdist.corpora.aggregate.AggregationResult;
import dev.entdist.corpora.aggregate.AggregationSettings;
import dev.entdist.corpora.aggregate.Aggregator;
import dev.entdist.corpora.aggregate.CrowdAnswers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Aggregating a crowd of the size of a crowd NER set: 10,000 occurrences, 47 annotators (the
 * first 9 answer at random), 5 answers each (50,000 answers), 5 labels; the methods fitted with
 * exactly 100 EM iterations (tolerance 0). One operation is one whole fit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AggregationBenchmark {

  /** The method fitted. */
  @Param({"dawid-skene", "one-coin", "mace", "majority"})
  String method;

  /** Number of occurrences. */
  @Param("10000")
  int items;

  CrowdAnswers answers;
  AggregationSettings settings = new AggregationSettings(100, 0, 0.01);

  /** Plants a crowd with a seeded generator. */
  @Setup
  public void setUp() {
    int annotators = 47;
    int labels = 5;
    int perItem = 5;
    SplittableRandom random = new SplittableRandom(47);
    int spammers = annotators / 5;
    double[] accuracy = new double[annotators];
    for (int j = spammers; j < annotators; j++) {
      accuracy[j] = 0.6 + 0.3 * random.nextDouble();
    }
    int n = items * perItem;
    int[] itemOf = new int[n];
    int[] annotatorOf = new int[n];
    int[] labelOf = new int[n];
    for (int i = 0; i < items; i++) {
      int truth = random.nextInt(labels);
      int first = random.nextInt(annotators);
      for (int r = 0; r < perItem; r++) {
        int a = i * perItem + r;
        int j = (first + r * 7) % annotators;
        itemOf[a] = i;
        annotatorOf[a] = j;
        labelOf[a] = j >= spammers && random.nextDouble() < accuracy[j] ? truth
            : random.nextInt(labels);
      }
    }
    List<String> labelNames = new ArrayList<>();
    for (int k = 0; k < labels; k++) {
      labelNames.add("L" + k);
    }
    List<String> annotatorNames = new ArrayList<>();
    for (int j = 0; j < annotators; j++) {
      annotatorNames.add(String.format("a%02d", j));
    }
    answers = CrowdAnswers.ofArrays(labelNames, annotatorNames, itemOf, annotatorOf, labelOf);
  }

  /** One fit of the method. */
  @Benchmark
  public AggregationResult fit() {
    return Aggregator.fit(answers, AggregationMethod.parse(method), settings);
  }
}
