package jnas.core.glue;

import jnas.core.search.Registry;

/** Registers the miniature GLUE's evaluator ({@link GlueEvaluator#NAME}); no search algorithm uses it yet. */
public final class GlueProvider implements Registry.Provider {
    @Override
    public void register() {
        Registry.registerEvaluator(GlueEvaluator.NAME, GlueEvaluator::new);
    }
}
