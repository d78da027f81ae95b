package dev.entdist.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.AnnotatedExample;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default features of a target: character n-grams, its words, one window view. */
class TargetNgramFeaturesTest {

  static FeaturePipeline pipeline;

  @BeforeAll
  static void load() {
    pipeline = FeaturePipeline.create(FeatureConfig.defaults());
  }

  @AfterAll
  static void close() {
    pipeline.close();
  }

  private static AnnotatedExample example(String text, String target) {
    int start = text.indexOf(target);
    return AnnotatedExample.of("t", text, target, start, start + target.length(),
        Map.of("a", 1.0));
  }

  private static List<String> withPrefix(List<String> names, String... prefixes) {
    return names.stream().filter(n -> {
      for (String p : prefixes) {
        if (n.startsWith(p)) {
          return true;
        }
      }
      return false;
    }).toList();
  }

  @Test
  void ngramsOfAShortTargetAreEveryStretchOfCaretWordDollar() {
    List<String> names = pipeline.explain(example("We had tea at Kew today.", "Kew"));
    assertEquals(List.of("c3=^ke", "c3=kew", "c3=ew$", "c4=^kew", "c4=kew$", "c5=^kew$"),
        withPrefix(names, "c3=", "c4=", "c5="));
    assertEquals(List.of("tw=kew"), withPrefix(names, "tw="));
    // window 1, words and tags by position only
    assertEquals(List.of("w[-1]=at", "w[+1]=today"), withPrefix(names, "w["));
    assertEquals(2, withPrefix(names, "pos[").size(), names.toString());
    assertTrue(withPrefix(names, "bw=", "bl=", "bpos=", "l[").isEmpty(), names.toString());
    // the first defaults' affixes, form, shape and capitalisation are still there
    assertTrue(names.containsAll(List.of("form=Kew", "lower=kew", "shape=Xx", "pre3=kew",
        "suf1=w", "cap=title")), names.toString());
  }

  @Test
  void aTargetOfSeveralWordsHasEachWordOnceAndNgramsAcrossItsSpaces() {
    String target = "Orla Quint Hall of Orla";
    List<String> names = pipeline.explain(example("They met at " + target + " on Friday.",
        target));
    assertEquals(List.of("tw=orla", "tw=quint", "tw=hall", "tw=of"), withPrefix(names, "tw="));
    List<String> grams = withPrefix(names, "c3=", "c4=", "c5=");
    assertEquals(grams.size(), Set.copyOf(grams).size(), "each n-gram once");
    assertTrue(grams.containsAll(List.of("c3=^or", "c3=a q", "c4=all ", "c5=orla$")),
        grams.toString());
    // "^orla quint hall of orla$" has 25 code points: 23 + 22 + 21 stretches of 3, 4 and 5,
    // less those seen before ("orl" and "rla" twice, ...)
    long distinct = java.util.stream.IntStream.rangeClosed(3, 5).mapToObj(n -> {
      String s = "^orla quint hall of orla$";
      return java.util.stream.IntStream.rangeClosed(0, s.length() - n)
          .mapToObj(i -> "c" + n + "=" + s.substring(i, i + n));
    }).flatMap(x -> x).collect(Collectors.toSet()).size();
    assertEquals(distinct, grams.size());
    assertTrue(grams.size() < 23 + 22 + 21, "repeated stretches count once");
  }

  @Test
  void aWordAloneGetsItsNgramsAndWordsToo() {
    List<String> names = pipeline.explainWord("Kew").stream().map(ExplainedFeature::name)
        .toList();
    assertTrue(names.contains("c5=^kew$"), names.toString());
    assertTrue(names.contains("tw=kew"), names.toString());
  }

  @Test
  void ngramLengthsFollowTheConfiguration() {
    FeatureConfig c = FeatureConfig.defaults().withGenerators(Set.of("char-ngrams"))
        .withNgrams(1, 2);
    try (FeaturePipeline p = FeaturePipeline.create(c)) {
      assertEquals(List.of("c1=^", "c1=o", "c1=x", "c1=$", "c2=^o", "c2=ox", "c2=x$"),
          p.explain(example("An ox.", "ox")));
      assertFalse(p.config().needsLemmas());
    }
  }
}
