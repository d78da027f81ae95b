package dev.entdist.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entdist.corpora.AnnotatedExample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenNLP analysis and how target spans are found in it. */
class AnalysisTest {

  static final String PRISON =
      "I left my cell in the prison cell while the biologist studied the cell.";

  static FeaturePipeline pipeline;

  @BeforeAll
  static void load() {
    // window 2: the tests look two tokens out, past sentence ends
    pipeline = FeaturePipeline.create(FeatureConfig.defaults().withWindow(2));
  }

  @AfterAll
  static void close() {
    pipeline.close();
  }

  static AnnotatedExample example(String text, String target, int start) {
    return AnnotatedExample.of("t", text, target, start, start + target.codePointCount(0,
        target.length()), Map.of("x", 1.0));
  }

  @Test
  void prisonSentenceTokensTagsAndLemmas() {
    SentenceAnalysis a = pipeline.analyse(PRISON);
    assertEquals(List.of("I", "left", "my", "cell", "in", "the", "prison", "cell", "while", "the",
        "biologist", "studied", "the", "cell", "."), a.tokens());
    assertEquals(List.of("PRON", "VERB", "PRON", "NOUN", "ADP", "DET", "NOUN", "NOUN", "SCONJ",
        "DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"), a.tags());
    assertEquals("leave", a.lemma(1));
    assertEquals("study", a.lemma(11));
    for (int i = 0; i < a.size(); i++) {
      // Offsets point at exactly the token text.
      assertEquals(a.token(i), PRISON.substring(a.start(i), a.end(i)));
    }
  }

  @Test
  void prisonSentenceThreeTargetSpansLandOnTheirTokens() {
    int[] starts = {10, 29, 66};
    int[] tokens = {3, 7, 13};
    for (int k = 0; k < 3; k++) {
      AnnotatedExample e = example(PRISON, "cell", starts[k]);
      SentenceLocator.Located loc = SentenceLocator.locate(pipeline.analyzer(), e);
      Occurrence o = Occurrence.locate(pipeline.analyse(loc.sentence()), e.target(),
          loc.start(), loc.end());
      assertEquals(tokens[k], o.first, "occurrence " + k);
      assertEquals(tokens[k], o.last, "occurrence " + k);
      assertTrue(o.aligned);
    }
    assertTrue(pipeline.explain(example(PRISON, "cell", 10)).contains("w[-1]=my"));
    assertTrue(pipeline.explain(example(PRISON, "cell", 29)).contains("w[-1]=prison"));
    assertTrue(pipeline.explain(example(PRISON, "cell", 66)).contains("w[+1]=."));
    assertTrue(pipeline.explain(example(PRISON, "cell", 66)).contains("w[+2]=</s>"));
  }

  @Test
  void codePointOffsetsSurviveCharactersOutsideTheBmp() {
    String text = "😀😀 My 𝒳 cell died 😀, the cell phone.";
    int start = text.codePointCount(0, text.indexOf("cell"));
    assertTrue(start < text.indexOf("cell"), "the fixture must hold surrogate pairs");
    List<String> f = pipeline.explain(example(text, "cell", start));
    assertTrue(f.contains("lemma=cell"), f.toString());
    assertTrue(f.contains("w[+1]=died"), f.toString());
    assertTrue(f.contains("w[-1]=𝒳"), f.toString());
    int second = text.codePointCount(0, text.lastIndexOf("cell"));
    List<String> g = pipeline.explain(example(text, "cell", second));
    assertTrue(g.contains("w[+1]=phone"), g.toString());
    assertTrue(g.contains("w[-1]=the"), g.toString());
  }

  @Test
  void subTokenTargetUsesItsHostToken() {
    String text = "She charged her cellphone overnight.";
    AnnotatedExample e = example(text, "cell", text.indexOf("cell"));
    List<String> f = pipeline.explain(e);
    assertTrue(f.contains("lower=cell"), f.toString());
    assertTrue(f.contains("lemma-host=cellphone"), f.toString());
    assertTrue(f.contains("w[-1]=her"), f.toString());
    assertTrue(f.contains("w[+1]=overnight"), f.toString());
    assertFalse(f.contains("lemma=cell"), f.toString());
  }

  @Test
  void targetInTheSecondSentenceOfAPassageSeesOnlyThatSentence() {
    String text = "The battery was flat. Stem cell research continued in the lab.";
    List<String> f = pipeline.explain(example(text, "cell", text.indexOf("cell")));
    assertTrue(f.contains("w[-1]=stem"), f.toString());
    assertTrue(f.contains("w[-2]=<s>"), f.toString());
    assertFalse(f.contains("sl=battery"), f.toString());
    assertTrue(f.contains("sl=research"), f.toString());
  }

  @Test
  void multiTokenTargetJoinsItsTokens() {
    String text = "He moved to New York last year.";
    List<String> f = pipeline.explain(example(text, "New York", text.indexOf("New")));
    SentenceAnalysis a = pipeline.analyse(text);
    assertEquals("New", a.token(3));
    assertEquals("York", a.token(4));
    assertTrue(f.contains("pos=" + a.tag(3) + "_" + a.tag(4)), f.toString());
    assertTrue(f.contains("lemma=" + a.lemma(3) + "_" + a.lemma(4)), f.toString());
    assertTrue(f.contains("cap=title"), f.toString());
    assertTrue(f.contains("w[-1]=to"), f.toString());
    assertTrue(f.contains("w[+1]=last"), f.toString());
    assertTrue(f.contains("shape=Xx Xx"), f.toString());
  }
}
