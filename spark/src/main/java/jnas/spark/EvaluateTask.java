package jnas.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.api.java.function.Function;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import jnas.core.search.Evaluator;
import jnas.core.search.Measurement;
import jnas.core.search.Registry;
import jnas.core.search.TrialState;
import jnas.core.train.ProgressListener;

/**
 * What an executor runs for one candidate: the evaluator (made from its registered name, once per executor
 * JVM, or the notebook's own evaluator object shipped with the task) measures the candidate's JSON under the
 * batch's spec, and the measurement goes back as JSON. An evaluator that throws gives a failed measurement
 * with its error (deterministic errors are not retried); only a lost executor makes Spark try the task again.
 */
final class EvaluateTask implements Function<String, String> {
    private static final long serialVersionUID = 1L;
    static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    /** Evaluators made from their names in this JVM (an evaluator caches what it derives from a spec). */
    private static final Map<String, Evaluator> MADE = new ConcurrentHashMap<>();

    private final String evaluatorName;
    private final Evaluator shipped;
    private final String specJson;

    private EvaluateTask(String evaluatorName, Evaluator shipped, String specJson) {
        this.evaluatorName = evaluatorName;
        this.shipped = shipped;
        this.specJson = specJson;
    }

    /** A task that makes the evaluator from its registered name on the executor. */
    static EvaluateTask byName(String name, String specJson) {
        return new EvaluateTask(name, null, specJson);
    }

    /** A task that carries the evaluator itself (a notebook's class, serialized with the task). */
    static EvaluateTask shipping(Evaluator evaluator, String specJson) {
        return new EvaluateTask(evaluator.name(), evaluator, specJson);
    }

    @Override
    public String call(String candidateJson) {
        long start = System.nanoTime();
        Measurement m;
        try {
            Evaluator e = shipped != null ? shipped : MADE.computeIfAbsent(evaluatorName, Registry::evaluator);
            m = e.evaluate(candidateJson, specJson, ProgressListener.NONE);
        } catch (VirtualMachineError e) {
            throw e; // out of memory on this executor: Spark tries the task again elsewhere
        } catch (Throwable t) {
            m = new Measurement(TrialState.FAILED, Map.of(), "{}", (System.nanoTime() - start) / 1e9,
                    "evaluator '" + evaluatorName + "' failed on " + where() + ": " + oneLine(t));
        }
        return GSON.toJson(m);
    }

    static Measurement parse(String json) {
        return GSON.fromJson(json, Measurement.class);
    }

    private static String where() {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "?";
        }
        return "executor " + (env == null ? "?" : env.executorId()) + " (" + host + ")";
    }

    /** The first line of the throwable and of its deepest cause. */
    static String oneLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String first = t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
        return root == t ? first : first + " (caused by " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
