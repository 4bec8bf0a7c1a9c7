/** The LTS authors' logs of trained models (data/lts-tabular), read for the paper's parameter-perplexity claim. */
package jnas.core.tabular;
