package jnas.core.report;

import java.util.List;

/**
 * A composite report (one step of a search): a summary line, a plain-text form, and parts shown in order:
 * Tablesaw tables, XChart charts, {@link Code} blocks and {@link Note}s. Plain objects, so the library
 * needs no Jupyter; the magics render it as HTML with each part by its own renderer.
 */
public record Report(String summary, String text, List<Object> parts) {
    public Report {
        parts = List.copyOf(parts);
    }

    /** A block of code or a diff: lines starting with "+" are added, with "-" removed. */
    public record Code(String title, List<String> lines) {
        public Code {
            lines = List.copyOf(lines);
        }
    }

    /** A row of code blocks side by side. */
    public record Codes(List<Code> blocks) {
        public Codes {
            blocks = List.copyOf(blocks);
        }
    }

    /** A line of text between parts. */
    public record Note(String text) {}

    @Override
    public String toString() {
        return text;
    }
}
