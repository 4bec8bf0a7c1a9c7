package jnas.magics.render;

import jnas.core.primer.Program;

/** A program as readable pseudo-code: a header line, then one instruction per line (dead code marked). */
public final class ProgramHtml {
    private ProgramHtml() {}

    public static String header(Program p) {
        return "program " + p.id() + ": " + p.size() + " instructions, input r0, output r" + p.output();
    }

    public static String text(Program p) {
        return header(p) + "\n" + p.toText();
    }

    public static String html(Program p) {
        StringBuilder sb = new StringBuilder("<div style=\"font:12px sans-serif\"><div><b>").append(TableHtml.escape(header(p)))
                .append("</b></div><pre style=\"font-size:12px;line-height:1.35;margin:2px 0;padding:6px;background:#f8fafc\">");
        for (String line : p.lines()) {
            boolean dead = line.endsWith("# unused");
            sb.append(dead ? "<span style=\"color:#9ca3af\">" : "<span>").append(TableHtml.escape(line)).append("</span>\n");
        }
        return sb.append("</pre></div>").toString();
    }
}
