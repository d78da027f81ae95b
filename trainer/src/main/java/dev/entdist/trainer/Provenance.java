package dev.entdist.trainer;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model came from. Fields known only to the caller (corpus checksum, regime) start as
 * {@code null} and are attached with the {@code with} methods.
 *
 * @param corpusChecksum checksum of the training corpus or feature directory, or {@code null}
 * @param regime the label regime's name, or {@code null}
 * @param lambda λ
 * @param seed the seed
 * @param optimizer {@code lbfgs} or {@code adam}
 * @param iterations L-BFGS iterations or Adam epochs
 * @param finalObjective the objective at the returned parameters
 * @param converged whether the stopping rule held
 * @param entdistVersion version of entdist that trained the model
 * @param dependencyVersions library → version (Smile, Jackson, Java)
 * @param date ISO-8601 instant of training ({@code SOURCE_DATE_EPOCH} when set)
 */
public record Provenance(
    String corpusChecksum,
    String regime,
    double lambda,
    long seed,
    String optimizer,
    int iterations,
    double finalObjective,
    boolean converged,
    String entdistVersion,
    Map<String, String> dependencyVersions,
    String date) {

  /** Copies the version map (sorted, unmodifiable). */
  public Provenance {
    dependencyVersions = java.util.Collections.unmodifiableMap(
        new TreeMap<>(dependencyVersions == null ? Map.of() : dependencyVersions));
  }

  /** A copy with the corpus checksum. */
  public Provenance withCorpusChecksum(String checksum) {
    return new Provenance(checksum, regime, lambda, seed, optimizer, iterations, finalObjective,
        converged, entdistVersion, dependencyVersions, date);
  }

  /** A copy with the regime name. */
  public Provenance withRegime(String name) {
    return new Provenance(corpusChecksum, name, lambda, seed, optimizer, iterations,
        finalObjective, converged, entdistVersion, dependencyVersions, date);
  }

  /** The provenance of a fit that has just finished (versions and date filled in). */
  static Provenance ofFit(TrainerConfig config, FitStats stats) {
    return new Provenance(null, null, stats.lambda(), config.seed(),
        stats.optimizer().name().toLowerCase(java.util.Locale.ROOT), stats.iterations(),
        stats.finalObjective(), stats.converged(), Versions.entdist(), Versions.dependencies(),
        trainingDate());
  }

  /** Now, or {@code SOURCE_DATE_EPOCH} (seconds) when it is set, so reruns can be identical. */
  static String trainingDate() {
    String epoch = System.getenv("SOURCE_DATE_EPOCH");
    if (epoch != null && !epoch.isBlank()) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(epoch.trim())).toString();
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("SOURCE_DATE_EPOCH is not a number: '" + epoch + "'");
      }
    }
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
