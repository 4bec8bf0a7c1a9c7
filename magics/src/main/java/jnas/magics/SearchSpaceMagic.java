package jnas.magics;

import java.util.List;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

import jnas.core.space.SearchSpace;
import jnas.core.space.SpaceYaml;
import jnas.core.space.Spaces;
import jnas.magics.cli.UsageException;

/** {@code %%searchspace NAME} with a YAML body: defines (or redefines) a search space for this notebook. */
final class SearchSpaceMagic {
    private SearchSpaceMagic() {}

    static void run(BaseKernel kernel, List<String> args, String body) {
        if (args.size() != 1) {
            throw new UsageException("%%searchspace: expected one space name, got " + (args.isEmpty() ? "none" : "'" + String.join(" ", args) + "'")
                    + "; usage: %%searchspace NAME, then the YAML body on the next lines");
        }
        SearchSpace space;
        try {
            space = SpaceYaml.parse(args.get(0), body);
            Spaces.define(space);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Show.text(kernel, "search space '" + space.name() + "' defined: " + space.describe());
    }
}
