package jnas.core.glue;

/** Accuracy and macro-F1 of class predictions. */
public final class Metrics {
    private Metrics() {}

    /** The share of positions where {@code predicted} equals {@code gold} (NaN for none). */
    public static double accuracy(int[] gold, int[] predicted) {
        check(gold, predicted);
        if (gold.length == 0) return Double.NaN;
        int hits = 0;
        for (int i = 0; i < gold.length; i++) if (gold[i] == predicted[i]) hits++;
        return hits / (double) gold.length;
    }

    /**
     * The mean over classes of F1 = 2 TP / (2 TP + FP + FN), over the classes in {@code [0, classes)} that
     * occur in {@code gold} or in {@code predicted} (as scikit-learn's {@code f1_score(average="macro")});
     * NaN for no positions.
     */
    public static double macroF1(int[] gold, int[] predicted, int classes) {
        check(gold, predicted);
        if (gold.length == 0) return Double.NaN;
        int[] tp = new int[classes], fp = new int[classes], fn = new int[classes];
        for (int i = 0; i < gold.length; i++) {
            int g = gold[i], p = predicted[i];
            if (g < 0 || g >= classes || p < 0 || p >= classes) {
                throw new IllegalArgumentException("class " + (g < 0 || g >= classes ? g : p) + " outside [0, " + classes + ")");
            }
            if (g == p) tp[g]++;
            else {
                fp[p]++;
                fn[g]++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            int denominator = 2 * tp[c] + fp[c] + fn[c];
            if (denominator == 0) continue;
            sum += 2.0 * tp[c] / denominator;
            present++;
        }
        return sum / present;
    }

    private static void check(int[] gold, int[] predicted) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + gold.length + " labels");
        }
    }
}
