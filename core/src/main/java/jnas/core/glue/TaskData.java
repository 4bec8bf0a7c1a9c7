package jnas.core.glue;

import java.util.List;

/**
 * A task's examples, by part of the split.
 *
 * @param task   the task
 * @param seqLen the longest example (positions, special tokens included)
 * @param seed   the seed the examples were drawn with
 * @param train  training examples, from the split's training documents
 * @param dev    development examples, from its dev documents only
 * @param test   test examples, from its test documents only
 */
public record TaskData(GlueTask task, int seqLen, long seed, List<Example> train, List<Example> dev, List<Example> test) {

    public TaskData {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
        for (List<Example> part : List.of(train, dev, test)) {
            for (Example e : part) {
                if (e.length() > seqLen) {
                    throw new IllegalArgumentException("an example of " + e.length() + " positions is longer than seqLen " + seqLen);
                }
            }
        }
    }

    /** The examples of one part: {@code train}, {@code dev} or {@code test}. */
    public List<Example> part(String name) {
        return switch (name) {
            case "train" -> train;
            case "dev" -> dev;
            case "test" -> test;
            default -> throw new IllegalArgumentException("No split part " + name + "; expected train, dev or test");
        };
    }

    /** The task's baseline on these examples. */
    public Baseline baseline() {
        return task.baseline(this);
    }

    @Override
    public String toString() {
        return "TaskData[" + task.name() + ": " + train.size() + " / " + dev.size() + " / " + test.size() + " examples of <= "
                + seqLen + " positions, seed " + seed + "]";
    }
}
