package jnas.core.model;

import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.View;

/** Registers the views of the model package that need no search: {@code %nas show encoder CONFIG}. */
public final class ModelProvider implements Registry.Provider {
    @Override
    public void register() {
        Registry.registerView("encoder", new View() {
            @Override
            public String doc() {
                return "an encoder's parts with parameters and FLOPs: %nas show encoder bert-mini (or " + String.join(", ", EncoderShapes.names())
                        + ", NAME/VOCAB, or a configuration JSON)";
            }

            @Override
            public Object render(Search search, Args args) {
                if (args.words().isEmpty()) {
                    throw new IllegalArgumentException("which encoder? %nas show encoder NAME (" + String.join(", ", EncoderShapes.names()) + ")");
                }
                return EncoderShapes.table(EncoderShapes.parse(String.join(" ", args.words())));
            }

            @Override
            public boolean needsSearch() {
                return false;
            }
        });
    }
}
