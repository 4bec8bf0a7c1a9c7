package jnas.core.search;

import java.util.List;
import java.util.Map;

/**
 * A named view of a search: a table or a chart (plain Tablesaw / XChart objects, or a
 * {@link jnas.core.report.Report}) made from the search as it stands, for {@code %nas show NAME} and
 * {@code %nas plot NAME}.
 */
public interface View {
    /** One line: what it shows. */
    String doc();

    /** The view of {@code search}; {@code search} is null for a view that works without one (a named program). */
    Object render(Search search, Args args);

    /** Whether it needs a search (false: {@code %nas show program vanilla} works before any). */
    default boolean needsSearch() {
        return true;
    }

    /** The words after the view's name and its --options. */
    record Args(List<String> words, Map<String, String> options) {
        public static final Args NONE = new Args(List.of(), Map.of());

        public Args {
            words = List.copyOf(words);
            options = Map.copyOf(options);
        }

        public String word(int i, String fallback) {
            return i < words.size() ? words.get(i) : fallback;
        }

        public String option(String key, String fallback) {
            return options.getOrDefault(key, fallback);
        }
    }

    /** A view from a function of the search. */
    static View of(String doc, java.util.function.Function<Search, Object> f) {
        return new View() {
            @Override
            public String doc() {
                return doc;
            }

            @Override
            public Object render(Search search, Args args) {
                if (!args.words().isEmpty()) throw new IllegalArgumentException("this view takes no argument; got " + args.words());
                return f.apply(search);
            }
        };
    }
}
