package jnas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {
    private final Settings schema = new Settings("Test")
            .integer("population", 10, "individuals")
            .count("max_params", "none", "bound")
            .number("lr", 0.002, "rate")
            .choice("pareto", "dominance", "front", "dominance", "convex-hull")
            .list("objectives", "a,b", "names");

    @Test
    void defaultsAndCounts() {
        Settings.Values v = schema.parse(Map.of("max_params", "1.5M"));
        assertEquals(10, v.integer("population"));
        assertEquals(1_500_000, v.count("max_params"));
        assertEquals(0.002, v.number("lr"), 0);
        assertEquals("dominance", v.text("pareto"));
        assertEquals(List.of("a", "b"), v.list("objectives"));
        assertEquals("0.002", v.raw().get("lr"));
        assertEquals(Long.MAX_VALUE, schema.parse(Map.of()).count("max_params"));
        assertEquals(500_000, Settings.parseCount("500k"));
        assertEquals(1_000_000, Settings.parseCount("1_000_000"));
        assertEquals(2_000_000_000L, Settings.parseCount("2G"));
        assertEquals(List.of("population", "max_params", "lr", "pareto", "objectives"), schema.keys());
    }

    @Test
    void mistakesAreOneLine() {
        assertEquals("unknown Test setting 'popsize'; expected one of [population, max_params, lr, pareto, objectives]",
                assertThrows(IllegalArgumentException.class, () -> schema.parse(Map.of("popsize", "3"))).getMessage());
        assertEquals("Test setting population=ten: expected an integer",
                assertThrows(IllegalArgumentException.class, () -> schema.parse(Map.of("population", "ten"))).getMessage());
        assertEquals("Test setting max_params=1.5k5: expected a count (1000000, 1M, 500k or none)",
                assertThrows(IllegalArgumentException.class, () -> schema.parse(Map.of("max_params", "1.5k5"))).getMessage());
        assertEquals("Test setting max_params=0.5k1: expected a count (1000000, 1M, 500k or none)",
                assertThrows(IllegalArgumentException.class, () -> schema.parse(Map.of("max_params", "0.5k1"))).getMessage());
        assertEquals("Test setting pareto=hull: expected one of dominance, convex-hull",
                assertThrows(IllegalArgumentException.class, () -> schema.parse(Map.of("pareto", "hull"))).getMessage());
    }

    @Test
    void everyRegisteredAlgorithmHasDocumentedSettingsAndViews() {
        for (Registry.Entry e : Registry.all()) {
            e.settings().parse(Map.of()); // every default parses
            e.settings().parse(e.quick());
            for (Settings.Setting s : e.settings().all()) assertEquals(false, s.doc().isBlank(), e.name() + "." + s.key());
            assertEquals(true, e.tables().containsKey("trials") && e.tables().containsKey("state"), e.name());
        }
        assertEquals(List.of("lts", "primer", "autobert", "autodistil"), Registry.names());
    }
}
