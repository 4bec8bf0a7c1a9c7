package jnas.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import jnas.core.lts.LtsEvaluator;
import jnas.core.space.SearchSpace;
import jnas.core.space.Spaces;
import jnas.core.util.Rng;

/**
 * Resident set size over consecutive evaluations that build, time and free a DJL model each
 * (lts-gpt2-cpu, measured latency and memory): prints RSS every 50 evaluations and the least-squares
 * slope in MiB per 100 evaluations over the second half (after warm-up), relative to the RSS there.
 */
public final class MemoryBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        SearchSpace space = Spaces.ltsGpt2Cpu();
        LtsEvaluator.Options options = new LtsEvaluator.Options(128, 64, 1, 1, "measured", 1, 3);
        Rng rng = new Rng(5);
        double[] xs = new double[n / 50];
        double[] ys = new double[n / 50];
        long t0 = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            LtsEvaluator.measure(space.sample(rng), options, null);
            if (i % 50 == 0) {
                xs[i / 50 - 1] = i;
                ys[i / 50 - 1] = rssMiB();
                System.out.printf("after %4d evaluations: RSS %.1f MiB (%.1f s)%n", i, ys[i / 50 - 1], (System.nanoTime() - t0) / 1e9);
            }
        }
        int from = xs.length / 2;
        double mx = 0, my = 0;
        for (int i = from; i < xs.length; i++) {
            mx += xs[i];
            my += ys[i];
        }
        mx /= xs.length - from;
        my /= xs.length - from;
        double sxy = 0, sxx = 0;
        for (int i = from; i < xs.length; i++) {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
        }
        double slope = sxy / sxx * 100;
        System.out.printf("slope over evaluations %d..%d: %.2f MiB per 100 evaluations (%.3f%% of the mean RSS %.1f MiB)%n",
                (int) xs[from], n, slope, 100 * slope / my, my);
    }

    static double rssMiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
        throw new IllegalStateException("no VmRSS");
    }
}
