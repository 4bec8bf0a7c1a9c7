/** Renderers: Tablesaw tables (numbers to about 4 significant digits, units in headers), XChart charts, core Reports, programs. */
package jnas.magics.render;
