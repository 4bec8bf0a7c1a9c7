"""%nas cluster through the kernel: bad addresses and an unreachable master answer in one line within a few
seconds and leave the kernel usable; a real standalone cluster started from the kernel runs an LTS step
(the progress bar counting candidates finished on the cluster), an evaluator defined in a notebook cell
(its evaluations run in the executors' JVMs), refuses an evaluator reading a cell variable in one line, and
its processes are gone when the kernel shuts down. Needs JUPYTER_PATH pointing at an installed kernelspec."""
import os
import subprocess
import tempfile
import time
import unittest

from jupyter_client.manager import start_new_kernel

KERNEL = "java-nas"


def watched_processes(kernel_pid):
    """The processes a cluster started from this kernel runs (master, workers), by their command lines."""
    out = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if "jnas.spark.Watched " + str(kernel_pid) + " " in line]


class ClusterMagicTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
        cls.dir = tempfile.mkdtemp()

    @classmethod
    def tearDownClass(cls):
        if cls.km.is_alive():
            cls.kc.stop_channels()
            cls.km.shutdown_kernel()

    def run_cell(self, code, timeout=300):
        out = []
        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=out.append)
        return reply["content"], out

    @staticmethod
    def texts(out):
        return [m["content"]["data"]["text/plain"] for m in out
                if m["msg_type"] in ("display_data", "update_display_data", "execute_result") and "text/plain" in m["content"]["data"]]

    def error_line(self, code, max_seconds=None):
        start = time.time()
        content, out = self.run_cell(code)
        seconds = time.time() - start
        self.assertEqual(content["status"], "error", (code, content, out))
        errors = [m for m in out if m["msg_type"] == "error"]
        self.assertEqual(len(errors[0]["content"]["traceback"]), 1, errors[0]["content"]["traceback"])
        if max_seconds is not None:
            self.assertLess(seconds, max_seconds, code)
        return errors[0]["content"]["evalue"]

    def value(self, code):
        content, out = self.run_cell(code)
        self.assertEqual(content["status"], "ok", (code, content, out))
        results = [m for m in out if m["msg_type"] == "execute_result"]
        return results[-1]["content"]["data"]["text/plain"]

    def test_1_bad_input_is_one_line_and_the_kernel_stays_usable(self):
        line = self.error_line("%nas cluster connect localhost:7077")
        self.assertTrue(line.startswith("%nas cluster: cluster address 'localhost:7077': expected spark://HOST:PORT"), line)
        line = self.error_line("%nas cluster connect spark://127.0.0.1:99999")
        self.assertIn("port 99999 is not 1-65535", line)
        line = self.error_line("%nas cluster connect spark://127.0.0.1:1", max_seconds=10)
        self.assertIn("cannot reach the Spark master spark://127.0.0.1:1", line)
        self.assertIn("%nas cluster start --workers N", line)
        line = self.error_line("%nas cluster start --workers 0")
        self.assertIn("--workers", line)
        line = self.error_line("%nas cluster frobnicate")
        self.assertIn("unknown %nas cluster action 'frobnicate'; expected local, start, connect, status or stop", line)
        content, out = self.run_cell("%nas cluster status")
        self.assertIn("no cluster: evaluations run in this JVM", self.texts(out)[-1])
        self.assertEqual(self.value("6 * 7"), "42")

    def test_2_a_started_cluster_runs_a_step_a_notebook_evaluator_and_stops_with_the_kernel(self):
        content, out = self.run_cell("%nas cluster start --workers 2")
        self.assertEqual(content["status"], "ok", (content, out))
        started = self.texts(out)[-1]
        self.assertTrue(started.startswith("started a Spark standalone cluster at spark://127.0.0.1:"), started)
        self.assertIn("2 one-core workers, 2 executors", started)
        kernel_pid = int(self.value("ProcessHandle.current().pid()"))
        self.assertEqual(len(watched_processes(kernel_pid)), 3)  # the master and two workers

        # a registered algorithm's step on the cluster, with the live count of finished candidates
        store = os.path.join(self.dir, "lts.db")
        content, out = self.run_cell("%nas new lts --space lts-gpt2 --seed 2 --store " + store
                                     + " hardware=none objectives=decoder_params,flops population=10 parents=2 mutations=2 crossovers=2")
        self.assertEqual(content["status"], "ok", (content, out))
        content, out = self.run_cell("%nas step")
        self.assertEqual(content["status"], "ok", (content, out))
        self.assertTrue(any("finished on the cluster" in t for t in self.texts(out)), self.texts(out))
        self.assertEqual(self.value("jnas.magics.Nas.search().history().size()"), "10")
        content, out = self.run_cell("%nas cluster status")
        html = [m["content"]["data"]["text/html"] for m in out if m["msg_type"] == "display_data"][-1]
        self.assertIn("2 workers, 2 executors; tasks 0 running, 10 finished, 0 failed", html)
        self.assertIn("ALIVE", html)

        # an evaluator written in a cell runs in the executors' JVMs, its parameter passed as a field
        code = """
import jnas.core.search.*;
class Scaled implements Evaluator, java.io.Serializable {
    final double factor;
    Scaled(double factor) { this.factor = factor; }
    public String name() { return "scaled"; }
    public Measurement evaluate(String json, String spec, jnas.core.train.ProgressListener p) {
        return Measurement.complete(java.util.Map.of("decoder_params", factor * json.length(), "flops", (double) (json.hashCode() & 0xffff)),
                "{\\"pid\\": " + ProcessHandle.current().pid() + "}", 0);
    }
}
Search.Setup lts(Evaluator e) {
    Registry.Entry entry = Registry.get("lts");
    Search.Setup s = entry.factory().create(new Registry.Request("lts-gpt2", 5,
            entry.settings().parse(java.util.Map.of("hardware", "none", "objectives", "decoder_params,flops", "population", "6")), Registry.Calibration.NONE));
    return new Search.Setup(s.algorithm(), e, 5, s.meta());
}
Search mine = jnas.magics.Nas.use(Search.create(java.nio.file.Path.of("%s"), lts(new Scaled(2.5))));
mine.step();
""" % os.path.join(self.dir, "mine.db")
        content, out = self.run_cell(code)
        self.assertEqual(content["status"], "ok", (content, out))
        pids = self.value("mine.history().trials().stream().map(t -> t.detailsJson()).distinct().count() + \" \" + "
                          "mine.history().trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE && "
                          "t.values().get(\"decoder_params\") == 2.5 * t.archJson().length() && !t.detailsJson().contains(\"\" + ProcessHandle.current().pid()))")
        count, ok = pids.strip('"').split()
        self.assertEqual(ok, "true")
        self.assertIn(count, ("1", "2"))  # one JVM per executor, none of them the kernel

        # an evaluator reading a cell variable would see its default on the executors: refused in one line
        code = """
double scale = 3;
class Leaky implements Evaluator, java.io.Serializable {
    public String name() { return "leaky"; }
    public Measurement evaluate(String json, String spec, jnas.core.train.ProgressListener p) {
        return Measurement.complete(java.util.Map.of("decoder_params", scale * json.length(), "flops", 1.0), "{}", 0);
    }
}
jnas.magics.Nas.use(Search.create(java.nio.file.Path.of("%s"), lts(new Leaky())));
""" % os.path.join(self.dir, "leaky.db")
        content, out = self.run_cell(code)
        self.assertEqual(content["status"], "ok", (content, out))
        line = self.error_line("%nas step")
        self.assertIn("Leaky reads the notebook variable 'scale' (a top-level cell variable)", line)
        self.assertEqual(self.value("6 * 7"), "42")

        # the cluster's processes stop with the kernel
        self.kc.stop_channels()
        self.km.shutdown_kernel()
        deadline = time.time() + 30
        while watched_processes(kernel_pid) and time.time() < deadline:
            time.sleep(0.5)
        self.assertEqual(watched_processes(kernel_pid), [])


if __name__ == "__main__":
    unittest.main()
