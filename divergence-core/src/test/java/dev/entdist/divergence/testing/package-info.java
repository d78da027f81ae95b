/**
 * Test support shared with the other modules' tests through divergence-core's test jar: the
 * seeded mutation fuzzer behind every reader's fuzz test. Not part of the library.
 */
package dev.entdist.divergence.testing;
