package dev.entdist.features;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named feature generators a {@link FeatureConfig} switches on and off. Each turns a located
 * occurrence into readable string features such as {@code lower=cell}, {@code w[-1]=the} or
 * {@code pos[+1]=NOUN}. <em>Intrinsic</em> generators look at the target alone and also describe
 * a word queried without context; the others look at its sentence.
 */
public enum FeatureGenerator {

  /** {@code form=Cell}: the target as written. */
  FORM("form", false, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      sink.add("form=" + o.target);
    }
  },
  /** {@code lower=cell}: the target lower-cased. */
  LOWER("lower", false, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      sink.add("lower=" + o.lowerTarget);
    }
  },
  /**
   * {@code lemma=cell}: the lemma of the target's tokens (joined by '_'); for a span that does
   * not fall on token boundaries, {@code lemma-host=…}, the lemma of the tokens holding it.
   */
  LEMMA("lemma", false, true) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      if (o.coversTokens()) {
        sink.add((o.aligned ? "lemma=" : "lemma-host=") + o.joinedLemmas());
      }
    }
  },
  /** {@code pos=NOUN}: the part-of-speech tag of the target's tokens (joined by '_'). */
  POS("pos", false, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      if (o.coversTokens()) {
        sink.add((o.aligned ? "pos=" : "pos-host=") + o.joinedTags());
      }
    }
  },
  /** {@code shape=Xx}: the target's characters as X, x, d or themselves, runs collapsed. */
  SHAPE("shape", false, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      sink.add("shape=" + TargetFeatures.shape(o.target));
    }
  },
  /** {@code pre2=ce}, {@code suf3=ell}: lower-cased prefixes and suffixes up to affixLength. */
  AFFIXES("affixes", false, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      TargetFeatures.affixes(o.lowerTarget, c.affixLength(), sink);
    }
  },
  /**
   * {@code cap=title}: lower, title, upper, mixed or none; suffixed {@code @first} when the
   * target opens its sentence, where a capital says little.
   */
  CAPITALISATION("capitalisation", false, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      String cap = TargetFeatures.capitalisation(o.target);
      sink.add("cap=" + cap + (!o.isolated && o.first == 0 ? "@first" : ""));
    }
  },
  /**
   * {@code c3=^ce}, {@code c4=cell}, {@code c5=ell$}: the distinct character n-grams of the
   * lower-cased target between ^ and $, for n from ngramMin to ngramMax: what a word never seen
   * in training shares with words that were.
   */
  CHAR_NGRAMS("char-ngrams", false, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      TargetFeatures.charNgrams(o.lowerTarget, c.ngramMin(), c.ngramMax(), sink);
    }
  },
  /**
   * {@code tw=empire}, {@code tw=building}: each distinct word (run of letters and digits) of the
   * lower-cased target, so a new name shares its known parts ("Empire State Building").
   */
  TARGET_WORDS("target-words", false, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      TargetFeatures.words(o.lowerTarget, sink);
    }
  },
  /** {@code w[-1]=the}, {@code w[+2]=</s>}: lower-cased words at each window position. */
  WINDOW_WORDS("window-words", true, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      ContextFeatures.window(o, c.window(), "w[", ContextFeatures.WORD, sink);
    }
  },
  /** {@code l[-1]=the}: lemmas at each window position. */
  WINDOW_LEMMAS("window-lemmas", true, true) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      ContextFeatures.window(o, c.window(), "l[", ContextFeatures.LEMMA, sink);
    }
  },
  /** {@code pos[+1]=NOUN}: part-of-speech tags at each window position. */
  WINDOW_POS("window-pos", true, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      ContextFeatures.window(o, c.window(), "pos[", ContextFeatures.TAG, sink);
    }
  },
  /** {@code bw=the}: the lower-cased words of the window as a bag (counts add up). */
  BAG_WORDS("bag-words", true, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      ContextFeatures.bag(o, c.window(), "bw=", ContextFeatures.WORD, sink);
    }
  },
  /** {@code bl=prison}: the lemmas of the window as a bag. */
  BAG_LEMMAS("bag-lemmas", true, true) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      ContextFeatures.bag(o, c.window(), "bl=", ContextFeatures.LEMMA, sink);
    }
  },
  /** {@code bpos=DET}: the tags of the window as a bag. */
  BAG_POS("bag-pos", true, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      ContextFeatures.bag(o, c.window(), "bpos=", ContextFeatures.TAG, sink);
    }
  },
  /**
   * {@code sl=biologist}: each distinct lemma of a content word (noun, proper noun, verb,
   * adjective, adverb) in the sentence outside the target, once.
   */
  SENTENCE_LEMMAS("sentence-lemmas", true, true) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      ContextFeatures.sentenceLemmas(o, sink);
    }
  },
  /**
   * {@code at=first} (first, inner, last or only token of the sentence) and {@code third=0}
   * (which third of the sentence the target starts in).
   */
  SENTENCE_POSITION("sentence-position", true, false) {
    @Override
    void generate(Occurrence o, FeatureConfig c, FeatureSink sink) {
      ContextFeatures.sentencePosition(o, sink);
    }
  };

  private final String generatorName;
  private final boolean contextual;
  private final boolean needsLemmas;

  FeatureGenerator(String generatorName, boolean contextual, boolean needsLemmas) {
    this.generatorName = generatorName;
    this.contextual = contextual;
    this.needsLemmas = needsLemmas;
  }

  /** The name used in a {@link FeatureConfig}, e.g. {@code window-pos}. */
  public String generatorName() {
    return generatorName;
  }

  /** Whether the generator looks beyond the target (false: it also describes a lone word). */
  public boolean contextual() {
    return contextual;
  }

  /** Whether the generator needs the lemmatiser. */
  public boolean needsLemmas() {
    return needsLemmas;
  }

  abstract void generate(Occurrence o, FeatureConfig config, FeatureSink sink);

  /**
   * The generator called {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static FeatureGenerator byName(String name) {
    for (FeatureGenerator g : values()) {
      if (g.generatorName.equals(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException("unknown feature generator '" + name + "'; known: "
        + Arrays.stream(values()).map(FeatureGenerator::generatorName)
            .collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return generatorName.toLowerCase(Locale.ROOT);
  }
}
