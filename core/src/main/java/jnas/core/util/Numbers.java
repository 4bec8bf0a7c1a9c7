package jnas.core.util;

/** Number formatting shared by settings and reports. */
public final class Numbers {
    private Numbers() {}

    /** A double as written by a person: 0.3, 2, 0.002, 1e-06 (no trailing ".0" on whole numbers). */
    public static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
