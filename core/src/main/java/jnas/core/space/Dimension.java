package jnas.core.space;

import java.util.ArrayList;
import java.util.List;

/**
 * One gene of an architecture: an integer range with a step, or a list of choices. Values are
 * {@link Integer} or {@link String}.
 */
public sealed interface Dimension permits Dimension.IntRange, Dimension.Choice {

    String name();

    /** Every value, in order. */
    List<Object> values();

    /** A readable domain, e.g. "128..960 step 64" or "{2, 4, 8}". */
    String describe();

    record IntRange(String name, int min, int max, int step) implements Dimension {
        public IntRange {
            if (step < 1) throw new IllegalArgumentException(name + ": step must be >= 1, was " + step);
            if (max < min) throw new IllegalArgumentException(name + ": max " + max + " is below min " + min);
        }

        @Override
        public List<Object> values() {
            List<Object> out = new ArrayList<>();
            for (int v = min; v <= max; v += step) out.add(v);
            return out;
        }

        @Override
        public String describe() {
            return step == 1 ? min + ".." + max : min + ".." + max + " step " + step;
        }
    }

    record Choice(String name, List<Object> options) implements Dimension {
        public Choice {
            options = List.copyOf(options);
            if (options.isEmpty()) throw new IllegalArgumentException(name + ": needs at least one choice");
            for (Object o : options) {
                if (!(o instanceof Integer) && !(o instanceof String)) {
                    throw new IllegalArgumentException(name + ": choices must be integers or strings, got " + o);
                }
            }
        }

        @Override
        public List<Object> values() {
            return options;
        }

        @Override
        public String describe() {
            return options.toString().replace('[', '{').replace(']', '}');
        }
    }
}
