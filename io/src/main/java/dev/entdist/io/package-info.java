/**
 * Where entdist's outputs go and how its inputs are named: {@link dev.entdist.io.OutputTarget}
 * writes a regular file atomically (at a symbolic link's target, keeping the link), writes pipes,
 * devices and standard output straight through, and refuses an output that is one of the inputs
 * or cannot be written, before any work starts. This module has no dependencies, so every other
 * module can write through it.
 */
package dev.entdist.io;
