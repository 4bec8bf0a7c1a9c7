/**
 * Primer (So et al., NeurIPS 2021) in miniature: decoder layers as {@link jnas.core.primer.Program}s of
 * primitive instructions with shape checks, pseudo-code, DJL compilation and {@link jnas.core.primer.Mutations};
 * the search ({@link jnas.core.primer.Primer}: aging evolution with tournaments and hurdles), its
 * evaluator ({@link jnas.core.primer.ProgramEvaluator}: train a program on Brown characters), the
 * vanilla-vs-Primer comparison, its views and registration.
 */
package jnas.core.primer;
