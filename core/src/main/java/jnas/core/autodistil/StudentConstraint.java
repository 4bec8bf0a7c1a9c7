package jnas.core.autodistil;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jnas.core.model.EncoderConfig;
import jnas.core.space.Constraint;

/**
 * The budget a student must meet, as a boolean expression over its measures: {@code flops}, {@code params}
 * (of the student), {@code layers}, {@code hidden}, {@code heads}, {@code ffn}, {@code mlp_ratio}, and the
 * teacher's {@code teacher_flops}, {@code teacher_params}. Counts may be written {@code 2M} or {@code 500k}.
 * A bare {@code teacher} means the teacher's value of the one measure the expression compares
 * ({@code flops <= 0.3 * teacher}); with both measures in it, write {@code teacher_flops} or {@code teacher_params}.
 * Mistakes are one line, with the column of a syntax error.
 */
public final class StudentConstraint {
    public static final Set<String> NAMES = new TreeSet<>(Set.of("flops", "params", "layers", "hidden", "heads", "ffn", "mlp_ratio",
            "teacher_flops", "teacher_params"));
    private static final Pattern COUNT = Pattern.compile("(?<![\\w.])(\\d+(?:\\.\\d+)?)([kKM])(?!\\w)");
    private static final Pattern TEACHER = Pattern.compile("\\bteacher\\b(?!_)");

    private final String text;
    private final Constraint rule;

    private StudentConstraint(String text, Constraint rule) {
        this.text = text;
        this.rule = rule;
    }

    /** @throws IllegalArgumentException one line: the expression, what is wrong, what is expected */
    public static StudentConstraint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("constraint '': empty; expected a boolean expression such as flops <= 0.3 * teacher");
        }
        String expr = text.strip();
        Matcher c = COUNT.matcher(expr);
        StringBuilder sb = new StringBuilder();
        while (c.find()) {
            double v = Double.parseDouble(c.group(1)) * (c.group(2).equalsIgnoreCase("k") ? 1e3 : 1e6);
            c.appendReplacement(sb, Matcher.quoteReplacement(jnas.core.util.Numbers.plain(v)));
        }
        c.appendTail(sb);
        expr = sb.toString();
        if (TEACHER.matcher(expr).find()) {
            boolean f = Pattern.compile("\\bflops\\b").matcher(expr).find(), p = Pattern.compile("\\bparams\\b").matcher(expr).find();
            if (f == p) {
                throw new IllegalArgumentException("constraint '" + text + "': a bare 'teacher' needs exactly one of flops or params beside it;"
                        + " write teacher_flops or teacher_params");
            }
            expr = TEACHER.matcher(expr).replaceAll(f ? "teacher_flops" : "teacher_params");
        }
        try {
            return new StudentConstraint(text, Constraint.expression(expr, NAMES));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage().replace("constraint '" + expr + "'", "constraint '" + text + "'").replace("gene", "name");
            Matcher at = Pattern.compile("@(\\d+):(\\d+)").matcher(m);
            if (at.find()) m = at.replaceFirst("at column " + at.group(2) + ":");
            throw new IllegalArgumentException(m);
        }
    }

    public String text() {
        return text;
    }

    /** The measures of {@code s} under {@code teacher}, with sequences of {@code seqLen}. */
    public static Map<String, Object> measures(SubNet s, EncoderConfig teacher, int seqLen) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flops", s.flops(teacher, seqLen));
        m.put("params", (double) s.params(teacher));
        m.put("layers", s.layers());
        m.put("hidden", s.hidden());
        m.put("heads", s.heads());
        m.put("ffn", s.ffn());
        m.put("mlp_ratio", s.mlpRatio());
        m.put("teacher_flops", teacher.sequenceFlops(seqLen));
        m.put("teacher_params", (double) teacher.totalParams());
        return m;
    }

    public boolean test(SubNet s, EncoderConfig teacher, int seqLen) {
        return rule.test(measures(s, teacher, seqLen));
    }

    @Override
    public String toString() {
        return text;
    }
}
