/**
 * The one search engine every algorithm plugs into. An {@link jnas.core.search.Algorithm} proposes
 * candidates from its state, the {@link jnas.core.search.History} and the search's generator, observes
 * each measurement and closes a step with its report; an {@link jnas.core.search.Evaluator} is a pure
 * function from (candidate JSON, evaluation spec) to a {@link jnas.core.search.Measurement}; a
 * {@link jnas.core.search.Backend} runs a batch ({@link jnas.core.search.LocalBackend}: this JVM); the
 * durable {@link jnas.core.search.Search} driver owns the store, the step loop, interrupts, create and
 * resume, and commits results in submission order. {@link jnas.core.search.Settings} is the one settings
 * schema, {@link jnas.core.search.Registry} the names the magics and remote JVMs read, and
 * {@link jnas.core.search.Pareto} and {@link jnas.core.search.Objective} the multi-objective ground.
 */
package jnas.core.search;
