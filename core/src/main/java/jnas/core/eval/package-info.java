/**
 * Measurements on this machine shared by evaluators: forward latency and peak memory of a built DJL model
 * ({@link jnas.core.eval.HardwareMeter}) and a per-layer latency model calibrated here
 * ({@link jnas.core.eval.LatencyModel}).
 */
package jnas.core.eval;
