/** Running cells: the JShell evaluator (snippets, completion with the cell's earlier declarations, errors), interrupts, the class loader. */
package jnas.kernel.exec;
