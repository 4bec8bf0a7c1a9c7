package jnas.core.primer;

import java.nio.file.Path;

/** Runs a tiny Primer search until it is killed (used by {@link PrimerKillNineTest}): {@code CrashingPrimerMain STORE SEED}. */
public final class CrashingPrimerMain {
    public static void main(String[] args) {
        PrimerSearchTest.load();
        try (PrimerSearch s = PrimerSearch.create(PrimerSearchTest.tiny(Long.parseLong(args[1])), PrimerSearchTest.data,
                "brown slice", Path.of(args[0]))) {
            while (true) s.step();
        }
    }
}
