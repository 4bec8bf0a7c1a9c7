package jnas.core.autobert;

/**
 * An {@link AttentionProgram} written as the formula people read, from the output back through the live
 * instructions (dead ones never appear), ending in the output projection: as text,
 * {@code softmax(Q·K^T/sqrt(d_h))·V·W_O^T}, and as LaTeX,
 * {@code \mathrm{softmax}\left(\frac{Q\,K^{\top}}{\sqrt{d_h}}\right)\,V\,W_O^{\top}}.
 *
 * <p>Notation: {@code ·} (LaTeX: juxtaposition) is the matrix product, {@code ⊙} the elementwise product,
 * {@code /sqrt(d_h)} the {@code scale} operation, {@code log(1+exp(x))} softplus, {@code sqrt} the
 * sign-preserving root and {@code exp} the bounded exponential of {@link AttentionOp}. Parentheses are
 * written where precedence needs them: a sum is bracketed as a factor, a transposed or squared
 * expression is bracketed unless it is a name or a call, and a product of one kind is bracketed inside the
 * other ({@code (Q⊙K)·V}), so nothing relies on a reader's guess about mixing products.
 */
public final class AttentionFormula {
    private AttentionFormula() {}

    /** Binding strength of an expression's outermost operation. */
    private enum Level { SUM, PRODUCT, POSTFIX, ATOM }

    /**
     * An expression so far: its text, how tightly it binds, its outermost operation (null for a name), and
     * for a product the kind it is (MATMUL or MUL; a scaled expression keeps its argument's kind, null when
     * that was no product).
     */
    private record Expr(String text, Level level, AttentionOp top, AttentionOp product) {
        Expr(String text, Level level, AttentionOp top) {
            this(text, level, top, top == AttentionOp.MATMUL || top == AttentionOp.MUL ? top : null);
        }
    }

    /** The formula as text. */
    public static String plain(AttentionProgram p) {
        return render(p, false);
    }

    /** The formula as LaTeX (no {@code $$}). */
    public static String latex(AttentionProgram p) {
        return render(p, true);
    }

    private static String render(AttentionProgram p, boolean latex) {
        AttentionProgram.Check c = p.requireValid().check();
        Expr[] e = new Expr[p.size() + AttentionProgram.INPUTS];
        e[0] = new Expr("Q", Level.ATOM, null);
        e[1] = new Expr("K", Level.ATOM, null);
        e[2] = new Expr("V", Level.ATOM, null);
        for (int i = 0; i < p.size(); i++) {
            if (!c.live()[i + AttentionProgram.INPUTS]) continue;
            AttentionProgram.Instruction ins = p.get(i);
            Expr[] args = ins.inputs().stream().map(r -> e[r]).toArray(Expr[]::new);
            e[i + AttentionProgram.INPUTS] = latex ? latex(ins.op(), args) : plain(ins.op(), args);
        }
        Expr out = e[p.output()];
        return chainLeft(out, latex) + (latex ? "\\,W_O^{\\top}" : "·W_O^T");
    }

    /** The left factor of a matrix product: bare when it is itself one (or a scaled one, or a scaled name), else bracketed. */
    private static String chainLeft(Expr x, boolean latex) {
        return sameProduct(x, AttentionOp.MATMUL, latex);
    }

    private static String atLeast(Expr x, Level level, boolean latex) {
        if (x.level().compareTo(level) >= 0) return x.text();
        return latex ? "\\left(" + x.text() + "\\right)" : "(" + x.text() + ")";
    }

    private static Expr plain(AttentionOp op, Expr[] a) {
        return switch (op) {
            case NEG -> new Expr("-" + atLeast(a[0], Level.POSTFIX, false), Level.SUM, op);
            case TRANSPOSE -> new Expr(atLeast(a[0], Level.ATOM, false) + "^T", Level.POSTFIX, op);
            case SQUARE -> new Expr(atLeast(a[0], Level.ATOM, false) + "^2", Level.POSTFIX, op);
            case SCALE -> new Expr(atLeast(a[0], Level.PRODUCT, false) + "/sqrt(d_h)", Level.PRODUCT, op,
                    a[0].level() == Level.PRODUCT ? a[0].product() : null);
            case SOFTMAX -> call("softmax", a[0].text(), op);
            case LOG_SIGMOID -> call("log(sigmoid", a[0].text() + ")", op);
            case SOFTSIGN -> call("softsign", a[0].text(), op);
            case SOFTPLUS -> call("log(1+exp", a[0].text() + ")", op);
            case SQRT -> call("sqrt", a[0].text(), op);
            case ABS -> new Expr("|" + a[0].text() + "|", Level.ATOM, op);
            case SIGMOID -> call("sigmoid", a[0].text(), op);
            case TANH -> call("tanh", a[0].text(), op);
            case EXP -> call("exp", a[0].text(), op);
            case ADD -> new Expr(a[0].text() + "+" + atLeast(a[1], Level.PRODUCT, false), Level.SUM, op);
            case SUB -> new Expr(a[0].text() + "-" + atLeast(a[1], Level.PRODUCT, false), Level.SUM, op);
            case MAX -> call("max", a[0].text() + ", " + a[1].text(), op);
            case MUL -> new Expr(sameProduct(a[0], op, false) + "⊙" + atLeast(a[1], Level.POSTFIX, false), Level.PRODUCT, op);
            case MATMUL -> new Expr(chainLeft(a[0], false) + "·" + atLeast(a[1], Level.POSTFIX, false), Level.PRODUCT, op);
        };
    }

    private static Expr latex(AttentionOp op, Expr[] a) {
        return switch (op) {
            case NEG -> new Expr("-" + atLeast(a[0], Level.POSTFIX, true), Level.SUM, op);
            case TRANSPOSE -> new Expr(atLeast(a[0], Level.ATOM, true) + "^{\\top}", Level.POSTFIX, op);
            case SQUARE -> new Expr(atLeast(a[0], Level.ATOM, true) + "^{2}", Level.POSTFIX, op);
            case SCALE -> new Expr("\\frac{" + a[0].text() + "}{\\sqrt{d_h}}", Level.ATOM, op);
            case SOFTMAX -> new Expr("\\mathrm{softmax}\\left(" + a[0].text() + "\\right)", Level.ATOM, op);
            case LOG_SIGMOID -> new Expr("\\log\\sigma\\left(" + a[0].text() + "\\right)", Level.ATOM, op);
            case SOFTSIGN -> new Expr("\\mathrm{softsign}\\left(" + a[0].text() + "\\right)", Level.ATOM, op);
            case SOFTPLUS -> new Expr("\\log\\left(1+e^{" + a[0].text() + "}\\right)", Level.ATOM, op);
            case SQRT -> new Expr("\\sqrt{" + a[0].text() + "}", Level.ATOM, op);
            case ABS -> new Expr("\\left|" + a[0].text() + "\\right|", Level.ATOM, op);
            case SIGMOID -> new Expr("\\sigma\\left(" + a[0].text() + "\\right)", Level.ATOM, op);
            case TANH -> new Expr("\\tanh\\left(" + a[0].text() + "\\right)", Level.ATOM, op);
            case EXP -> new Expr("e^{" + a[0].text() + "}", Level.ATOM, op);
            case ADD -> new Expr(a[0].text() + "+" + atLeast(a[1], Level.PRODUCT, true), Level.SUM, op);
            case SUB -> new Expr(a[0].text() + "-" + atLeast(a[1], Level.PRODUCT, true), Level.SUM, op);
            case MAX -> new Expr("\\max\\left(" + a[0].text() + ", " + a[1].text() + "\\right)", Level.ATOM, op);
            case MUL -> new Expr(sameProduct(a[0], op, true) + "\\odot " + atLeast(a[1], Level.POSTFIX, true), Level.PRODUCT, op);
            case MATMUL -> new Expr(chainLeft(a[0], true) + "\\," + atLeast(a[1], Level.POSTFIX, true), Level.PRODUCT, op);
        };
    }

    /**
     * The left factor of a product of kind {@code op}: bare when it binds tighter, or is a product of the same
     * kind (scaled or not), or a scaled factor; bracketed when it is the other kind of product or a sum.
     */
    private static String sameProduct(Expr x, AttentionOp op, boolean latex) {
        if (x.level().compareTo(Level.PRODUCT) > 0) return x.text();
        if (x.level() == Level.PRODUCT && (x.product() == op || x.product() == null)) return x.text();
        return latex ? "\\left(" + x.text() + "\\right)" : "(" + x.text() + ")";
    }

    private static Expr call(String name, String args, AttentionOp op) {
        return new Expr(name + "(" + args + ")", Level.ATOM, op);
    }
}
