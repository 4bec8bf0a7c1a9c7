/** Gene search spaces: dimensions, per-layer genes, constraints, sampling, mutation, crossover, YAML, the built-in spaces. */
package jnas.core.space;
