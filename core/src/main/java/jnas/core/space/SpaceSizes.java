package jnas.core.space;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** Formats architecture counts: exact below a million, else like "3.2e+41". */
public final class SpaceSizes {
    private SpaceSizes() {}

    public static String format(BigInteger n) {
        if (n.compareTo(BigInteger.valueOf(1_000_000)) < 0) return String.format("%,d", n.longValue());
        BigDecimal r = new BigDecimal(n).round(new MathContext(2));
        int exponent = r.precision() - r.scale() - 1;
        BigDecimal mantissa = r.movePointLeft(exponent);
        return String.format("%.1fe+%d", mantissa.doubleValue(), exponent);
    }
}
