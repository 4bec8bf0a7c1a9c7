package jnas.core.autobert;

import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.View;

/**
 * Registers the AutoBERT-Zero views that need no search: {@code %nas show attention [NAME]} (the named
 * attentions, or one as its formula) and {@code %nas show attention-ops} (the operations of the space).
 */
public final class AutoBertProvider implements Registry.Provider {
    @Override
    public void register() {
        Registry.registerView("attention", new View() {
            @Override
            public String doc() {
                return "an attention as its formula: %nas show attention NAME (" + String.join(", ", Attentions.names())
                        + "); without a name, the table of named attentions";
            }

            @Override
            public Object render(Search search, Args args) {
                if (args.words().isEmpty()) return Attentions.table();
                return Attentions.get(args.words().get(0));
            }

            @Override
            public boolean needsSearch() {
                return false;
            }
        });
        Registry.registerView("attention-ops", new View() {
            @Override
            public String doc() {
                return "the primitive operations attention programs are made of";
            }

            @Override
            public Object render(Search search, Args args) {
                return Attentions.opsTable();
            }

            @Override
            public boolean needsSearch() {
                return false;
            }
        });
    }
}
