package dev.entdist.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.AnnotatedExample;
import dev.entdist.corpora.BundledCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The faster beam search gives exactly OpenNLP's part-of-speech tags. */
class BeamTaggerTest {

  static TextAnalyzer analyzer;

  @BeforeAll
  static void load() {
    analyzer = TextAnalyzer.bundled(false);
  }

  @AfterAll
  static void close() {
    analyzer.close();
  }

  @Test
  void everySentenceOfTheBundledCorpusGetsOpenNlpsTags() {
    TreeSet<String> sentences = new TreeSet<>();
    for (AnnotatedExample e : BundledCorpus.load().examples()) {
      for (int[] s : analyzer.sentences(e.text())) {
        sentences.add(e.text().substring(s[0], s[1]));
      }
    }
    assertTrue(sentences.size() > 1000, "sentences: " + sentences.size());
    for (String s : sentences) {
      assertEquals(analyzer.analyse(s, false, true).tags(),
          analyzer.analyse(s, false, false).tags(), s);
    }
  }

  @Test
  void shuffledWordsGetOpenNlpsTags() throws IOException {
    POSModel model;
    try (InputStream in = TextAnalyzer.class.getResourceAsStream(TextAnalyzer.POS_RESOURCE)) {
      model = new POSModel(in);
    }
    BeamTagger beam = BeamTagger.of(model);
    assertNotNull(beam);
    POSTaggerME openNlp = new POSTaggerME(model);
    // Word salad reaches hypotheses that real sentences rarely do.
    List<String> words = List.of(BeamLemmatizerTest.WORDS);
    Random rnd = new Random(7);
    for (int t = 0; t < 300; t++) {
      String[] tokens = new String[1 + rnd.nextInt(30)];
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = words.get(rnd.nextInt(words.size()));
      }
      assertEquals(List.of(openNlp.tag(tokens)), List.of(beam.tag(tokens)), String.join(" ",
          tokens));
    }
  }
}
