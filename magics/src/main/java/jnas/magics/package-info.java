/**
 * The JJava extension: the {@code %nas} line magic (thin over the core library; its search commands read
 * {@link jnas.core.search.Registry} and know no algorithm by name), the {@code %%searchspace} cell magic,
 * argument completion, and {@link jnas.magics.Nas}, the notebook's handle on the current search.
 */
package jnas.magics;
