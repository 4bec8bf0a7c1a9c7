package jnas.magics.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.Column;

/**
 * Numbers as rendered tables show them: about 4 significant digits. Only the text shown changes; the tables
 * keep full precision, and {@link #exact(Column, int)} gives the stored value (the HTML form puts it in a
 * cell's tooltip when the two differ).
 *
 * <ul>
 *   <li>{@link #number(double)}, for double and float cells: rounded to 4 significant digits, trailing zeros
 *       dropped, without an exponent when the rounded value is 0 or has {@code 0.001 <= |x| < 1e6}: 3.14159 is
 *       {@code 3.142}, 0.00123456 is {@code 0.001235}, 21.5 is {@code 21.5}, 60.0 is {@code 60}. From 1000 on the
 *       integer part is kept whole rather than rounded to zeros: 12345.678 is {@code 12346}. Outside that range,
 *       4 significant digits with an exponent: 0.000123456 is {@code 1.235e-4}, 12345678.9 is
 *       {@code 1.235e7}.</li>
 *   <li>{@link #count(double)}, for counts ({@link ColumnUnits.Measure#count() parameters and FLOPs}, whatever the
 *       column type): below 1000 as {@link #number(double)}, otherwise 4 significant digits and a suffix k
 *       (10^3), M (10^6), G (10^9) or T (10^12): 12345678 is {@code 12.35M}, 797952 is {@code 798k}.</li>
 *   <li>Other integer (int, long, short) cells: unchanged, without grouping, since they are as often ids, seeds
 *       or iterations as quantities.</li>
 *   <li>Missing numbers (NaN, Tablesaw's missing int) are {@value #MISSING}; infinities are {@code ∞} and
 *       {@code -∞}. Booleans, strings and every other type are shown as Tablesaw writes them.</li>
 * </ul>
 */
public final class Numbers {
    /** What a missing number (NaN) is shown as. */
    public static final String MISSING = "–";

    private static final MathContext FOUR = new MathContext(4, RoundingMode.HALF_UP);
    private static final String[] SUFFIXES = {"", "k", "M", "G", "T"};

    private Numbers() {}

    /** {@code x} with about 4 significant digits (see the class comment). */
    public static String number(double x) {
        if (Double.isNaN(x)) return MISSING;
        if (Double.isInfinite(x)) return x > 0 ? "∞" : "-∞";
        if (x == 0) return "0";
        BigDecimal exact = BigDecimal.valueOf(x);
        BigDecimal rounded = exact.round(FOUR);
        BigDecimal abs = rounded.abs();
        if (abs.compareTo(new BigDecimal("0.001")) >= 0 && abs.compareTo(new BigDecimal("1000000")) < 0) {
            BigDecimal shown = abs.compareTo(new BigDecimal("1000")) >= 0 ? exact.setScale(0, RoundingMode.HALF_UP) : rounded;
            return plain(shown);
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        return plain(rounded.movePointLeft(exponent)) + "e" + exponent;
    }

    /** A count with 4 significant digits and a k/M/G/T suffix from 1000 on (see the class comment). */
    public static String count(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x) || Math.abs(x) < 1000) return number(x);
        BigDecimal exact = BigDecimal.valueOf(x);
        int k = Math.min(SUFFIXES.length - 1, (exact.abs().precision() - exact.abs().scale() - 1) / 3);
        BigDecimal scaled = exact.movePointLeft(3 * k).round(FOUR);
        if (scaled.abs().compareTo(new BigDecimal("1000")) >= 0 && k < SUFFIXES.length - 1) {
            k++;
            scaled = exact.movePointLeft(3 * k).round(FOUR);
        }
        return plain(scaled) + SUFFIXES[k];
    }

    /** The cell as a rendered table shows it: numbers as in the class comment, everything else unchanged. */
    public static String cell(Column<?> c, int row, ColumnUnits.Measure measure) {
        ColumnType t = c.type();
        boolean floating = t == ColumnType.DOUBLE || t == ColumnType.FLOAT;
        boolean integer = t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.SHORT;
        if (!floating && !integer) return c.getString(row);
        if (c.isMissing(row)) return MISSING;
        if (floating) {
            double x = value(c, row);
            return measure.count() ? count(x) : number(x);
        }
        long n = ((Number) c.get(row)).longValue();
        return measure.count() ? count(n) : Long.toString(n);
    }

    /** The stored value in full, for numbers; otherwise what Tablesaw writes. */
    public static String exact(Column<?> c, int row) {
        ColumnType t = c.type();
        if (c.isMissing(row)) return c.getString(row);
        if (t == ColumnType.DOUBLE || t == ColumnType.FLOAT) {
            double x = value(c, row);
            if (x == 0 || Double.isInfinite(x)) return number(x);
            BigDecimal b = BigDecimal.valueOf(x).stripTrailingZeros();
            return Math.abs(x) >= 1e-6 && Math.abs(x) < 1e18 ? b.toPlainString() : b.toString();
        }
        if (t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.SHORT) {
            return Long.toString(((Number) c.get(row)).longValue());
        }
        return c.getString(row);
    }

    private static double value(Column<?> c, int row) {
        Object v = c.get(row);
        // a float's own decimal form, not the binary expansion of its double (0.1f is 0.1, not 0.10000000149)
        return v instanceof Float f ? Double.parseDouble(Float.toString(f)) : ((Number) v).doubleValue();
    }

    private static String plain(BigDecimal b) {
        return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
    }
}
