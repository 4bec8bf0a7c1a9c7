/**
 * DJL model builders, with exact parameter and FLOP counts.
 *
 * <ul>
 *   <li>{@link jnas.core.model.Gpt}, {@link jnas.core.model.GptConfig}, {@link jnas.core.model.ModelCounts}: a
 *       readable GPT-2-style decoder with per-layer widths, and its counts; Primer's blocks
 *       ({@link jnas.core.model.CausalDepthwiseConv}, squared ReLU, multi-dconv-head attention).</li>
 *   <li>{@link jnas.core.model.Encoder}, {@link jnas.core.model.EncoderConfig},
 *       {@link jnas.core.model.EncoderCounts}: a BERT-style post-LN encoder with per-layer heads, head sizes
 *       and feed-forward widths, a padding mask from id 0, pluggable layers
 *       ({@link jnas.core.model.Encoder.LayerFactory}, {@link jnas.core.model.Encoder.AttentionFactory}), a
 *       masked-LM head tied to the token embedding and a [CLS] pooler, and its counts.</li>
 * </ul>
 */
package jnas.core.model;
