package jnas.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;

import org.dflib.jjava.jupyter.Extension;
import org.junit.jupiter.api.Test;

import jnas.core.space.Spaces;
import jnas.magics.cli.UsageException;

class NasMagicTest {
    private final TestKernel kernel = new TestKernel();

    @Test
    void theExtensionIsFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(Extension.class).stream().anyMatch(p -> p.type() == NasExtension.class));
        assertTrue(kernel.getMagicsRegistry().getLineMagicNames().contains("nas"));
        assertTrue(kernel.getMagicsRegistry().getCellMagicNames().contains("searchspace"));
    }

    @Test
    void helpListsEverySubCommandWithADescription() throws Exception {
        kernel.nas("help");
        String text = kernel.lastText();
        assertTrue(text.startsWith("%nas sub-commands:"), text);
        assertTrue(text.contains("  help        list the sub-commands with one line each; %nas help new ALGORITHM: its settings"), text);
        assertTrue(text.contains("  version     jnas, DJL and Java versions"), text);
        assertTrue(text.contains("  algorithms  the registered search algorithms"), text);
        String html = kernel.lastHtml();
        assertTrue(html.contains("<tr><td><code>help</code></td><td>list the sub-commands with one line each; %nas help new ALGORITHM: its settings</td>"), html);
        assertTrue(html.contains("<tr><td><code>version</code></td><td>jnas, DJL and Java versions</td><td><code>%nas version</code>"), html);
        for (var c : new NasMagic().commands().commands()) {
            assertTrue(text.contains("  " + c.name() + " "), "help lists " + c.name());
            assertTrue(html.contains("<code>" + c.name() + "</code>"), "the HTML help lists " + c.name());
        }
    }

    @Test
    void versionNamesDjlAndJava() throws Exception {
        kernel.nas("version");
        String text = kernel.lastText();
        assertTrue(text.matches("jnas \\S+, DJL 0\\.36\\.0, Java 17.*"), text);
        assertEquals("jnas " + jnas.core.Version.jnas() + ", DJL " + jnas.core.Version.djl() + ", Java " + jnas.core.Version.java(), text);
    }

    private String usageError(String... words) {
        return kernel.usageError(words);
    }

    @Test
    void mistakesGetOneUsageLine() {
        assertTrue(usageError("frobnicate").startsWith("%nas: unknown sub-command 'frobnicate'; expected one of: help, version, spaces"));
        assertEquals("%nas version: unknown option '--x'; usage: %nas version", usageError("version", "--x"));
        assertEquals("%nas help: expected %nas help, or %nas help new ALGORITHM (one of lts, primer, autobert, autodistil); usage: %nas help [new ALGORITHM]",
                usageError("help", "me"));
        assertEquals("%nas help: expected 0 to 2 argument(s), got 'a b c'; usage: %nas help [new ALGORITHM]", usageError("help", "a", "b", "c"));
        assertTrue(usageError().startsWith("%nas: missing sub-command; expected one of: help, version"));
    }

    @Test
    void spacesListsBuiltInSpacesWithTheirSize() throws Exception {
        kernel.nas("spaces");
        String html = kernel.lastHtml();
        assertTrue(html.contains("<td>lts-gpt2</td>"), html);
        assertTrue(html.contains("<td>lts-gpt2-cpu</td>"));
        assertTrue(html.contains(jnas.core.space.SpaceSizes.format(Spaces.get("lts-gpt2-cpu").size())));
        assertTrue(html.contains("<td>primer-programs</td>"), "the program space is listed too");
        assertTrue(html.contains("dense, dconv, relu"));
    }

    @Test
    void searchspaceCellMagicDefinesASpace() throws Exception {
        kernel.getMagicsRegistry().evalCellMagic(kernel, "searchspace", List.of("tiny-test"), String.join("\n",
                "n_layer: {min: 1, max: 2}", "d_model: [16, 32]", "layers:", "  depth: n_layer", "  d_inner: {min: 32, max: 128, step: 32}",
                "constraints:", "  - d_inner > 1.7 * d_model", ""));
        assertTrue(kernel.lastText().startsWith("search space 'tiny-test' defined: tiny-test: n_layer 1..2, d_model {16, 32}"), kernel.lastText());
        assertEquals("tiny-test", Spaces.get("tiny-test").name());
        UsageException e = assertThrows(UsageException.class, () -> kernel.getMagicsRegistry().evalCellMagic(kernel, "searchspace",
                List.of("broken"), "n_layer: {min: 1, max: x}\n"));
        assertEquals("searchspace broken, line 1, column 24: n_layer.max is 'x'; expected an integer", e.getMessage());
        UsageException noName = assertThrows(UsageException.class, () -> kernel.getMagicsRegistry().evalCellMagic(kernel,
                "searchspace", List.of(), "n_layer: 1\n"));
        assertTrue(noName.getMessage().startsWith("%%searchspace: expected one space name, got none"));
    }
}
