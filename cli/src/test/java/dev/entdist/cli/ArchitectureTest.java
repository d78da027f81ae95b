package dev.entdist.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module arrows of DESIGN.md one way: divergence-core ← corpora ← nlp-features,
 * divergence-core ← trainer, cli on all. The trainer never sees text, corpora or OpenNLP; the
 * features never see Smile or the trainer.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.entdist");
  }

  @Test
  void everyModuleIsImported() {
    for (String pkg : new String[] {"divergence", "corpora", "features", "trainer", "cli"}) {
      org.junit.jupiter.api.Assertions.assertTrue(
          classes.containPackage("dev.entdist." + pkg), "no classes found in dev.entdist." + pkg);
    }
  }

  @Test
  void divergenceCoreDependsOnNothingButTheJdk() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.entdist.divergence..")
        .should().dependOnClassesThat().resideOutsideOfPackages("dev.entdist.divergence..", "java..");
    rule.check(classes);
  }

  @Test
  void corporaSeesOnlyTheCore() {
    noClasses().that().resideInAPackage("dev.entdist.corpora..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.entdist.features..", "dev.entdist.trainer..", "dev.entdist.cli..", "smile..",
            "opennlp..")
        .check(classes);
  }

  @Test
  void featuresNeverSeeTheTrainerOrSmile() {
    noClasses().that().resideInAPackage("dev.entdist.features..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.entdist.trainer..", "dev.entdist.cli..", "smile..")
        .check(classes);
  }

  @Test
  void trainerNeverSeesTextCorporaOrOpenNlp() {
    noClasses().that().resideInAPackage("dev.entdist.trainer..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.entdist.corpora..", "dev.entdist.features..", "dev.entdist.cli..", "opennlp..")
        .check(classes);
  }

  @Test
  void nothingDependsOnTheCommandLine() {
    noClasses().that().resideOutsideOfPackage("dev.entdist.cli..")
        .should().dependOnClassesThat().resideInAPackage("dev.entdist.cli..")
        .check(classes);
  }
}
