/**
 * AutoBERT-Zero (Gao et al., AAAI 2022) on the search engine: attention written as programs of primitive
 * operations over Q, K and V ({@link jnas.core.autobert.AttentionProgram}, {@link jnas.core.autobert.AttentionOp},
 * rendered by {@link jnas.core.autobert.AttentionFormula}), layers that choose an attention or a convolution
 * ({@link jnas.core.autobert.LayerChoice}, {@link jnas.core.autobert.SeparableConv}), encoders of such layers
 * ({@link jnas.core.autobert.HybridEncoder}) and the paper's named attentions ({@link jnas.core.autobert.Attentions}).
 */
package jnas.core.autobert;
