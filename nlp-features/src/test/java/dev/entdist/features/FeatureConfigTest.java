package dev.entdist.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureConfigTest {

  @Test
  void defaultsHaveTheDocumentedGeneratorsAndSizes() {
    FeatureConfig d = FeatureConfig.defaults();
    assertEquals(18, d.hashBits());
    assertEquals(1, d.window());
    assertEquals(3, d.ngramMin());
    assertEquals(5, d.ngramMax());
    assertEquals(1 << 18, d.dimension());
    assertEquals(FeatureConfig.DEFAULT_GENERATORS, d.generators());
    assertTrue(d.generators().containsAll(Set.of("char-ngrams", "target-words")));
    assertFalse(d.generators().contains("bag-words"));
    assertTrue(d.needsLemmas());
  }

  @Test
  void firstDefaultsAreEveryGeneratorButTheTargetsNgramsAndWordsWithWindowTwo() {
    FeatureConfig f = FeatureConfig.firstDefaults();
    assertEquals(2, f.window());
    assertEquals(FeatureGenerator.values().length - 2, f.generators().size());
    assertFalse(f.generators().contains("char-ngrams"));
    assertFalse(f.generators().contains("target-words"));
    assertEquals(FeatureConfig.defaults().hashBits(), f.hashBits());
  }

  @Test
  void ngramLengthsRoundTripAndAreChecked() {
    FeatureConfig c = FeatureConfig.defaults().withNgrams(2, 4);
    assertEquals(c, FeatureConfig.fromJson(c.toJson()));
    assertTrue(c.toJson().contains("\"ngram_min\":2,\"ngram_max\":4"), c.toJson());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.fromJson("{\"ngram_min\":4,\"ngram_max\":3}"));
    assertTrue(e.getMessage().contains("ngram_min"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FeatureConfig.defaults().withNgrams(0, 3));
    assertThrows(IllegalArgumentException.class, () -> FeatureConfig.defaults().withNgrams(3, 11));
  }

  @Test
  void aConfigurationWithoutNgramLengthsReadsAsBefore() {
    // what models trained before char-ngrams store: no ngram fields, window and generators given
    String stored = FeatureConfig.firstDefaults().toJson()
        .replace(",\"ngram_min\":3,\"ngram_max\":5", "");
    assertFalse(stored.contains("ngram"), stored);
    assertEquals(FeatureConfig.firstDefaults(), FeatureConfig.fromJson(stored));
  }

  @Test
  void jsonRoundTripIsExact() {
    FeatureConfig c = FeatureConfig.defaults().withHashBits(12).withWindow(3)
        .withGenerators(Set.of("lower", "window-pos"));
    FeatureConfig back = FeatureConfig.fromJson(c.toJson());
    assertEquals(c, back);
    assertEquals(c.toJson(), back.toJson());
    assertFalse(back.needsLemmas());
  }

  @Test
  void vocabularyModeRoundTrips() {
    FeatureConfig c = FeatureConfig.defaults().withVocabulary(2, List.of("a=1", "b=2"));
    FeatureConfig back = FeatureConfig.fromJson(c.toJson());
    assertEquals(c, back);
    assertEquals(2, back.dimension());
  }

  @Test
  void missingFieldsTakeDefaults() {
    FeatureConfig c = FeatureConfig.fromJson("{\"hash_bits\":10}");
    assertEquals(FeatureConfig.defaults().withHashBits(10), c);
  }

  @Test
  void unknownGeneratorIsRejectedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.fromJson("{\"generators\":[\"lower\",\"sparkle\"]}"));
    assertTrue(e.getMessage().contains("'sparkle'"), e.getMessage());
    assertTrue(e.getMessage().contains("window-words"), e.getMessage());
  }

  @Test
  void unknownFieldIsRejectedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.fromJson("{\"hash_bitz\":10}"));
    assertTrue(e.getMessage().contains("'hash_bitz'"), e.getMessage());
  }

  @Test
  void badValuesNameTheirField() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.fromJson("{\"hash_bits\":31}")).getMessage().contains("hash_bits"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.fromJson("{\"window\":\"two\"}")).getMessage().contains("window"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.fromJson("{\"indexing\":\"magic\"}")).getMessage()
        .contains("indexing"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.fromJson("[1]")).getMessage().contains("object"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> FeatureConfig.fromJson("{\"vocabulary\":[\"b\",\"a\"],\"indexing\":\"vocabulary\"}"))
        .getMessage().contains("sorted"));
  }
}
