/** Benchmarks (bench/run): each prints its measurements and ratios against a reference measured in the same run. */
package jnas.bench;
