package jnas.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * jjava-jupyter's magics registry, keeping each line magic as it was registered so that the kernel can ask
 * it to complete its arguments ({@code MagicsRegistry} 1.0-a6 hands out names only).
 * <p>
 * <b>The argument-completion contract</b>, in JDK types only, so that a magics jar needs nothing from this
 * kernel and still loads into a stock JJava kernel (which simply never asks): a {@link LineMagic} registered
 * with {@link #registerLineMagic} that also implements {@code java.util.function.Function<String, List<String>>}
 * completes its own arguments. When the cursor is in the arguments of {@code %name ...} on a line of its
 * own, the kernel calls {@code apply(argsBeforeCursor)}:
 * <ul>
 *   <li>{@code argsBeforeCursor} is the line's text after {@code %name} and the blanks that follow it, up to
 *       the cursor, as typed (no quotes removed): {@code "show fr"} for {@code %nas show fr|}, {@code ""}
 *       for {@code %nas |};</li>
 *   <li>the result is the candidates for the last partial word (the text after the last blank, empty when
 *       {@code argsBeforeCursor} is empty or ends in a blank): whole words, already filtered by that partial
 *       word, in the order to offer them; each replaces the partial word;</li>
 *   <li>the call is on the kernel's shell thread and should be quick; a {@code null} result, elements that
 *       are not strings, or an exception mean no candidates.</li>
 * </ul>
 * A magic that does not implement {@code Function} gets no argument completion.
 */
final class CompletingMagicsRegistry extends MagicsRegistry {
    private final Map<String, LineMagic<?, ?>> lineMagics = new ConcurrentHashMap<>();

    @Override
    public MagicsRegistry registerLineMagic(String name, LineMagic<?, ?> magic) {
        MagicsRegistry registry = super.registerLineMagic(name, magic);
        lineMagics.put(name, magic);
        return registry;
    }

    /** What the line magic {@code name} offers for {@code argsBeforeCursor}; empty if it does not complete. */
    List<String> completeArguments(String name, String argsBeforeCursor) {
        LineMagic<?, ?> magic = lineMagics.get(name);
        if (!(magic instanceof Function<?, ?> completer)) {
            return List.of();
        }
        Object answer;
        try {
            @SuppressWarnings("unchecked")
            Function<Object, Object> f = (Function<Object, Object>) completer;
            answer = f.apply(argsBeforeCursor);
        } catch (RuntimeException | LinkageError e) {
            return List.of(); // a magic that fails to complete must not fail the complete_request
        }
        if (!(answer instanceof List<?> list)) {
            return List.of();
        }
        List<String> candidates = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof String s) candidates.add(s);
        }
        return candidates;
    }
}
