package jnas.core.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpaceYamlTest {
    static final String LTS_YAML = String.join("\n",
            "n_layer: {min: 2, max: 15}",
            "d_model: {min: 128, max: 960, step: 64}",
            "layers:",
            "  depth: n_layer",
            "  d_inner: {min: 128, max: 4032, step: 64}",
            "  n_head: [2, 4, 8]",
            "constraints:",
            "  - d_inner > 1.7 * d_model",
            "  - d_model % n_head == 0",
            "");

    @Test
    void yamlAndBuilderDefineTheSameSpace() {
        SearchSpace fromYaml = SpaceYaml.parse("lts-yaml", LTS_YAML);
        SearchSpace built = Spaces.ltsGpt2();
        assertEquals(built.size(), fromYaml.size());
        assertEquals(built.globals(), fromYaml.globals());
        assertEquals(built.perLayer(), fromYaml.perLayer());
        assertEquals("n_layer", fromYaml.depthName());
        assertEquals(2, fromYaml.constraints().size());
        jnas.core.util.Rng a = new jnas.core.util.Rng(11), b = new jnas.core.util.Rng(11);
        for (int i = 0; i < 20; i++) assertEquals(built.sample(a).toJson(), fromYaml.sample(b).toJson());
    }

    private static String error(String yaml) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpaceYaml.parse("s", yaml));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void brokenYamlNamesLineAndColumn() {
        String m = error("n_layer: {min: 2, max: 15\nd_model: 3\n");
        assertTrue(m.startsWith("searchspace s, line 2, column "), m);
    }

    @Test
    void badRangeNamesTheKey() {
        assertEquals("searchspace s, line 1, column 27: gene 'n_layer' has an unknown key 'stpe'; expected min, max and optionally step",
                error("n_layer: {min: 2, max: 5, stpe: 1}\n"));
        assertEquals("searchspace s, line 1, column 24: n_layer.max is 'ten'; expected an integer",
                error("n_layer: {min: 2, max: ten}\n"));
        assertEquals("searchspace s, line 1, column 10: gene 'n_layer' needs both min and max; expected {min: A, max: B, step: S}",
                error("n_layer: {min: 2}\n"));
    }

    @Test
    void badConstraintPointsAtItsLine() {
        String m = error(String.join("\n", "d_model: {min: 8, max: 64, step: 8}", "constraints:", "  - d_model > 16", "  - d_modle % 2 == 0", ""));
        assertEquals("searchspace s, line 4, column 5: constraint 'd_modle % 2 == 0': unknown gene 'd_modle'; expected one of [d_model]", m);
    }

    @Test
    void layersNeedADepth() {
        String m = error("n_layer: {min: 1, max: 3}\nlayers:\n  d_inner: [8, 16]\n");
        assertEquals("searchspace s, line 3, column 3: 'layers' has no 'depth'; expected 'depth: n_layer' (the gene that counts layers)", m);
    }

    @Test
    void emptyBody() {
        assertTrue(error("").contains("the body is empty"));
    }
}
