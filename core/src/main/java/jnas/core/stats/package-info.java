/** Small statistics: quantiles with numpy's interpolation and rank correlations (Spearman, Kendall's tau-b). */
package jnas.core.stats;
