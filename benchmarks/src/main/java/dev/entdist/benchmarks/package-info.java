/**
 * JMH benchmarks of entdist's hot paths, each beside a naive implementation or the library it
 * replaces. Built only with the Maven profile {@code bench}; see docs for the commands.
 */
package dev.entdist.benchmarks;
