/**
 * LiteTransformerSearch (Javaheripi et al., NeurIPS 2022): its settings ({@link jnas.core.lts.LtsConfig}),
 * the algorithm ({@link jnas.core.lts.Lts}: evolution from the Pareto front), the evaluator of its
 * objectives ({@link jnas.core.lts.LtsEvaluator}: parameters, FLOPs, latency and memory measured or
 * predicted on this machine), its step report, views and registration.
 */
package jnas.core.lts;
