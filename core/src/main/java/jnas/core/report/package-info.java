/**
 * Reports that are plain objects: the tables every search has ({@link jnas.core.report.SearchTables}) and
 * the composite {@link jnas.core.report.Report} an algorithm's step view returns. Each algorithm's own
 * tables and charts live in its package ({@code LtsViews}, {@code PrimerViews}).
 */
package jnas.core.report;
