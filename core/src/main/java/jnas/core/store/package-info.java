/**
 * The SQLite store of a search (layout 2): meta, trials with their state and fitness, one generic row per
 * step with the algorithm's report, and a few state keys written with each evaluation in one transaction.
 */
package jnas.core.store;
