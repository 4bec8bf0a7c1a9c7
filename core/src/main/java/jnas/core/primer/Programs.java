package jnas.core.primer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The named programs: {@code vanilla}, the pre-LN Transformer decoder layer that seeds the search, and
 * {@code primer}, the same layer with Primer's two changes (a width-3 causal depthwise convolution after
 * each of the Q, K and V projections, and squared ReLU in the feed-forward block). Compiled, both have
 * exactly the parameters of the hand-written {@code Gpt} layers (with and without Primer-EZ).
 */
public final class Programs {
    public static final String VANILLA_TEXT = """
            r1 = layer_norm(r0)
            r2 = dense(r1, 1d)                   # query
            r3 = dense(r1, 1d)                   # key
            r4 = dense(r1, 1d)                   # value
            r5 = attention(r2, r3, r4, heads=4)
            r6 = dense(r5, 1d)                   # output projection
            r7 = add(r0, r6)                     # residual
            r8 = layer_norm(r7)
            r9 = dense(r8, 4d)
            r10 = gelu(r9)
            r11 = dense(r10, 1d)
            r12 = add(r7, r11)                   # residual
            """;

    public static final String PRIMER_TEXT = """
            r1 = layer_norm(r0)
            r2 = dense(r1, 1d)                   # query
            r3 = dconv(r2, width=3)              # MDHA
            r4 = dense(r1, 1d)                   # key
            r5 = dconv(r4, width=3)              # MDHA
            r6 = dense(r1, 1d)                   # value
            r7 = dconv(r6, width=3)              # MDHA
            r8 = attention(r3, r5, r7, heads=4)
            r9 = dense(r8, 1d)                   # output projection
            r10 = add(r0, r9)                    # residual
            r11 = layer_norm(r10)
            r12 = dense(r11, 4d)
            r13 = relu(r12)
            r14 = square(r13)                    # squared ReLU
            r15 = dense(r14, 1d)
            r16 = add(r10, r15)                  # residual
            """;

    private static final Map<String, Program> NAMED = new LinkedHashMap<>();

    static {
        NAMED.put("vanilla", Program.parse(VANILLA_TEXT));
        NAMED.put("primer", Program.parse(PRIMER_TEXT));
    }

    private Programs() {}

    public static Program vanilla() {
        return NAMED.get("vanilla");
    }

    public static Program primer() {
        return NAMED.get("primer");
    }

    public static Set<String> names() {
        return NAMED.keySet();
    }

    /** A named program, or null. */
    public static Program named(String name) {
        return NAMED.get(name);
    }
}
