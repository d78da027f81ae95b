package dev.entdist.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module arrows of DESIGN.md one way: divergence-core ← corpora ← nlp-features,
 * divergence-core ← trainer, pipeline on those, serve (HTTP) on the pipeline, cli on both; io
 * (output targets) under corpora and trainer, depending on nothing but the JDK. The trainer never
 * sees text, corpora or OpenNLP; the features never see Smile or the trainer; the library modules
 * never see the server or the command line; no command calls another command's helpers.
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
    for (String pkg : new String[] {"io", "divergence", "corpora", "features", "trainer",
        "pipeline", "serve", "cli"}) {
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
  void ioDependsOnNothingButTheJdk() {
    noClasses().that().resideInAPackage("dev.entdist.io..")
        .should().dependOnClassesThat().resideOutsideOfPackages("dev.entdist.io..", "java..")
        .check(classes);
  }

  @Test
  void corporaSeesOnlyTheCore() {
    noClasses().that().resideInAPackage("dev.entdist.corpora..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.entdist.features..", "dev.entdist.trainer..", "dev.entdist.pipeline..",
            "dev.entdist.cli..", "smile..", "opennlp..")
        .check(classes);
  }

  @Test
  void featuresNeverSeeTheTrainerOrSmile() {
    noClasses().that().resideInAPackage("dev.entdist.features..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.entdist.trainer..", "dev.entdist.pipeline..", "dev.entdist.cli..", "smile..")
        .check(classes);
  }

  @Test
  void trainerNeverSeesTextCorporaOrOpenNlp() {
    noClasses().that().resideInAPackage("dev.entdist.trainer..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.entdist.corpora..", "dev.entdist.features..", "dev.entdist.pipeline..",
            "dev.entdist.cli..", "opennlp..")
        .check(classes);
  }

  @Test
  void nothingDependsOnTheCommandLine() {
    noClasses().that().resideOutsideOfPackage("dev.entdist.cli..")
        .should().dependOnClassesThat().resideInAPackage("dev.entdist.cli..")
        .check(classes);
  }

  @Test
  void thePipelineNeverSeesTheCommandLine() {
    noClasses().that().resideInAPackage("dev.entdist.pipeline..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.entdist.cli..", "picocli..")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineSeesTheServer() {
    noClasses().that().resideOutsideOfPackages("dev.entdist.serve..", "dev.entdist.cli..")
        .should().dependOnClassesThat().resideInAPackage("dev.entdist.serve..")
        .check(classes);
  }

  @Test
  void theServerNeverSeesTheCommandLine() {
    noClasses().that().resideInAPackage("dev.entdist.serve..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.entdist.cli..", "picocli..")
        .check(classes);
  }

  /**
   * A command class may name another command only to register it as a subcommand (in its
   * {@code @Command} annotation); calling another command's helpers is a sign that the helper
   * belongs in a shared class or in the pipeline.
   */
  @Test
  void noCommandCallsAnotherCommand() {
    ArchCondition<JavaClass> callNoOtherCommand =
        new ArchCondition<>("call no other command's code") {
          @Override
          public void check(JavaClass c, ConditionEvents events) {
            String own = c.getName().replaceAll("\\$.*", "");
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
              JavaClass t = d.getTargetClass();
              String target = t.getName().replaceAll("\\$.*", "");
              boolean otherCommand = target.startsWith("dev.entdist.cli.")
                  && target.endsWith("Command") && !target.equals(own);
              if (otherCommand && !d.getDescription().contains("annotat")) {
                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
              }
            }
          }
        };
    classes().that().resideInAPackage("dev.entdist.cli..")
        .and(DescribedPredicate.describe("are commands",
            (JavaClass c) -> c.getName().replaceAll("\\$.*", "").endsWith("Command")))
        .should(callNoOtherCommand)
        .check(classes);
  }
}
