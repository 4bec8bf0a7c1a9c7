/** DJL model builders: a readable GPT ({@link jnas.core.model.Gpt}) with per-layer widths, Primer's blocks, and exact parameter and FLOP counts. */
package jnas.core.model;
