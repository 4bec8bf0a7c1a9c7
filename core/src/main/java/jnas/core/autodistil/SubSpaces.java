package jnas.core.autodistil;

import java.util.ArrayList;
import java.util.List;

import jnas.core.model.EncoderConfig;

/**
 * AutoDistil's K sub-spaces. The paper's (for a BERT-base teacher: 12 layers, hidden 768, 12 heads, MLP
 * ratio 4; 256 sub-networks each):
 * <ul>
 *   <li>Tiny: layers 4-7, hidden 128-224 step 32, MLP ratio 2.0-3.5 step 0.5, heads 7-10;</li>
 *   <li>Small: layers 9-12, hidden 256-352 step 32, MLP ratio 2.5-4.0 step 0.5, heads 7-10;</li>
 *   <li>Base: layers 9-12, hidden 544-640 step 32, MLP ratio 2.5-4.0 step 0.5, heads 9-12.</li>
 * </ul>
 * <b>Scaled to a smaller teacher</b> ({@link #scaled}): layers by L_t / 12 and heads by A_t / 12, each
 * rounded half up and kept in [1, teacher's]; hidden sizes by H_t / 768, rounded to a multiple of 4 and
 * kept in [4, H_t]; MLP ratios unchanged (a ratio is already relative), the feed-forward width kept at most
 * the teacher's. Values that coincide after rounding are merged, so a 4-layer teacher's Tiny space has
 * layers {1, 2} and fewer than 256 sub-networks; {@link SubSpace#describe} states each one's size.
 */
public final class SubSpaces {
    private SubSpaces() {}

    /** The paper's teacher: BERT-base. */
    public static final int PAPER_LAYERS = 12, PAPER_HIDDEN = 768, PAPER_HEADS = 12;

    /** The paper's three sub-spaces, for BERT-base. */
    public static List<SubSpace> paper() {
        return List.of(
                new SubSpace("Tiny", range(4, 7, 1), range(128, 224, 32), ratios(2.0, 3.5), range(7, 10, 1)),
                new SubSpace("Small", range(9, 12, 1), range(256, 352, 32), ratios(2.5, 4.0), range(7, 10, 1)),
                new SubSpace("Base", range(9, 12, 1), range(544, 640, 32), ratios(2.5, 4.0), range(9, 12, 1)));
    }

    /**
     * The paper's sub-spaces scaled to {@code teacher} (see the class comment): {@code k} = 3 gives Tiny,
     * Small and Base; {@code k} = 1 one space over their union (the ablation).
     */
    public static List<SubSpace> scaled(EncoderConfig teacher, int k) {
        int lt = teacher.layers(), ht = teacher.hidden(), at = teacher.heads().get(0), ft = teacher.ffn().get(0);
        List<SubSpace> out = new ArrayList<>();
        for (SubSpace p : paper()) {
            List<Integer> l = new ArrayList<>(), h = new ArrayList<>(), a = new ArrayList<>();
            List<Double> r = new ArrayList<>();
            for (int v : p.layers()) l.add(clamp((int) Math.floor(v * (double) lt / PAPER_LAYERS + 0.5), 1, lt));
            for (int v : p.heads()) a.add(clamp((int) Math.floor(v * (double) at / PAPER_HEADS + 0.5), 1, at));
            for (int v : p.hidden()) h.add(clamp(4 * (int) Math.floor(v * (double) ht / PAPER_HIDDEN / 4 + 0.5), 4, ht));
            int maxHidden = h.stream().mapToInt(Integer::intValue).max().orElse(ht);
            for (double v : p.ratios()) if (Math.round(v * maxHidden) <= ft) r.add(v);
            if (r.isEmpty()) r.add((double) ft / maxHidden);
            out.add(new SubSpace(p.name(), l, h, r, a));
        }
        return switch (k) {
            case 3 -> List.copyOf(out);
            case 1 -> List.of(SubSpace.union("All", out));
            default -> throw new IllegalArgumentException("K must be 3 (Tiny, Small, Base) or 1 (one space over their union), got " + k);
        };
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static List<Integer> range(int from, int to, int step) {
        List<Integer> out = new ArrayList<>();
        for (int v = from; v <= to; v += step) out.add(v);
        return out;
    }

    private static List<Double> ratios(double from, double to) {
        List<Double> out = new ArrayList<>();
        for (double v = from; v <= to + 1e-9; v += 0.5) out.add(v);
        return out;
    }
}
