package jnas.core.glue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What fine-tuning one task measured.
 *
 * @param name         the task
 * @param metric       its headline metric
 * @param dev          the headline metric on dev at the end
 * @param test         the headline metric on test at the end
 * @param baselineDev  the trivial baseline's headline metric on dev
 * @param baselineTest the trivial baseline's headline metric on test
 * @param devScores    every metric on dev, headline first
 * @param testScores   every metric on test
 * @param baseline     the baseline, its description and metrics
 * @param pretrained   whether the encoder started from pre-trained weights (else from random initialisation)
 * @param steps        fine-tuning steps
 * @param params       trainable parameters of encoder and head
 * @param seconds      wall seconds, model building and evaluation included
 * @param curve        dev loss and headline metric before fine-tuning (step 0), every evaluation interval and at the end
 */
public record TaskResult(String name, String metric, double dev, double test, double baselineDev, double baselineTest,
                         Map<String, Double> devScores, Map<String, Double> testScores, Baseline baseline, boolean pretrained,
                         int steps, long params, double seconds, List<FineTuning.Point> curve) {

    public TaskResult {
        devScores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devScores));
        testScores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(testScores));
        curve = List.copyOf(curve);
    }
}
