"""The java-nas kernel through a real Jupyter client: Debian's jupyter_kernel_test suite, plus display
updates, readable errors and interrupts. Needs JUPYTER_PATH pointing at an installed kernelspec
(run-tests sets it)."""
import time
import unittest

import jupyter_kernel_test as jkt
from jupyter_client.manager import start_new_kernel

KERNEL = "java-nas"


class JavaNasKernelTests(jkt.KernelTests):
    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("some error");'

    completion_samples = [
        {"text": "\"abc\".toUpperCa", "matches": {"toUpperCase("}},
        {"text": "int n = 1;\nMath.flo", "matches": {"floor(", "floorDiv(", "floorMod("}},
        # a name declared earlier in the same cell, before the cell runs
        {"text": "String s = \"abc\"; s.subs", "matches": {"substring("}},
        # a line magic's arguments, from the magic itself
        {"text": "%nas new ", "matches": {"lts", "primer", "autobert", "autodistil"}},
    ]
    complete_code_samples = ["int a = 1;", "System.out.println(1);", "class P { int x; }", "%nas help"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int f(int x) {", "System.out.println("]
    invalid_code_samples = ["}", "int x = );"]

    code_generate_error = "throw new IllegalStateException(\"boom\");"
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"jnas\".length()", "result": "4"},
        {"code": "java.util.List.of(1, 2)", "result": "[1, 2]"},
    ]
    code_display_data = [
        {"code": "display(new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
        {"code": "display(\"plain text shown\");", "mime": "text/plain"},
    ]
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 * ?"
    code_inspect_sample = "Math.max"

    def test_kernel_info_has_status_and_java_metadata(self):
        self.flush_channels()
        msg_id = self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=jkt.TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        info = content["language_info"]
        self.assertEqual(info["mimetype"], "text/x-java")
        self.assertEqual(info["pygments_lexer"], "java")
        self.assertEqual(info["codemirror_mode"], "java")
        self.assertEqual(info["version"].split(".")[0].split("+")[0], "17")

    def test_declarations_persist_between_cells(self):
        self.flush_channels()
        reply, out = self.execute_helper("int persisted = 20;\nint twice(int v) { return 2 * v; }")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        reply, out = self.execute_helper("twice(persisted) + 2")
        self.assertEqual(reply["content"]["status"], "ok")
        results = [m for m in out if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1, (reply, out))
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "42")

    def test_compile_error_names_line_and_column(self):
        self.flush_channels()
        reply, out = self.execute_helper("int ok = 1;\nint bad = ok + missingName;")
        self.assertEqual(reply["content"]["status"], "error")
        errors = [m for m in out if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0]["content"]["ename"], "CompilationError")
        self.assertIn("line 2, column 16", errors[0]["content"]["evalue"])
        self.assertIn("missingName", errors[0]["content"]["evalue"])
        # the kernel is still alive and keeps the first declaration
        reply, out = self.execute_helper("ok + 1")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_exception_keeps_class_and_message(self):
        self.flush_channels()
        reply, out = self.execute_helper("int zero = 0;\nint r = 10 / zero;")
        errors = [m for m in out if m["msg_type"] == "error"]
        self.assertEqual(errors[0]["content"]["ename"], "ArithmeticException")
        self.assertEqual(errors[0]["content"]["evalue"], "/ by zero")

    def test_unknown_magic_is_one_line(self):
        self.flush_channels()
        reply, out = self.execute_helper("%nosuchmagic a b")
        errors = [m for m in out if m["msg_type"] == "error"]
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("nosuchmagic", errors[0]["content"]["evalue"])
        self.assertEqual(len(errors[0]["content"]["traceback"]), 1)

    def displayed_html(self, out):
        return [m["content"]["data"]["text/html"] for m in out
                if m["msg_type"] == "display_data" and "text/html" in m["content"]["data"]]

    def test_registry_driven_magics(self):
        self.flush_channels()
        reply, out = self.execute_helper("%nas algorithms")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        html = self.displayed_html(out)[-1]
        self.assertIn("LiteTransformerSearch (Javaheripi et al., NeurIPS 2022)", html)
        self.assertIn("Primer (So et al., NeurIPS 2021)", html)
        reply, out = self.execute_helper("%nas help new primer")
        html = self.displayed_html(out)[-1]
        self.assertIn("%nas new primer settings", html)
        self.assertIn("hurdle_percentile", html)
        # a small analytic-only LTS search, then the views every search has and an unknown one
        import tempfile, os
        store = os.path.join(tempfile.mkdtemp(), "k.db")
        reply, out = self.execute_helper("%nas new lts --space lts-gpt2 --seed 2 --store " + store
                                         + " hardware=none objectives=decoder_params,flops population=10 parents=2 mutations=2 crossovers=2")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        reply, out = self.execute_helper("%nas step")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        self.assertIn("lts iteration 0: 10 random architectures", self.displayed_html(out)[-1])
        reply, out = self.execute_helper("%nas show trials")
        html = self.displayed_html(out)[-1]
        self.assertIn("lts trials (k.db): 10 evaluated", html)
        self.assertIn("complete", html)
        reply, out = self.execute_helper("%nas show nonsense")
        errors = [m for m in out if m["msg_type"] == "error"]
        self.assertEqual(reply["content"]["status"], "error")
        self.assertTrue(errors[0]["content"]["evalue"].startswith(
            "%nas show: unknown view 'nonsense' for a lts search; expected one of front, population, history, iterations, trials, state"),
            errors[0]["content"]["evalue"])
        self.assertEqual(len(errors[0]["content"]["traceback"]), 1)
        # completion now offers this search's views
        self.assertIn("front", self.complete("%nas show ")["matches"])
        self.flush_channels()  # the completion request's busy/idle status messages
        reply, out = self.execute_helper("jnas.magics.Nas.search().history().size()")
        results = [m for m in out if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1, (reply["content"], out))
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "10")

    def test_display_update_in_place_from_another_thread(self):
        self.flush_channels()
        code = (
            'String id = display("step 0");\n'
            'updateDisplay(id, "step 1");\n'
            'Thread t = new Thread(() -> updateDisplay(id, "step 2 from a thread"));\n'
            't.start(); t.join();'
        )
        reply, out = self.execute_helper(code)
        self.assertEqual(reply["content"]["status"], "ok")
        shown = [m for m in out if m["msg_type"] == "display_data"]
        updates = [m for m in out if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(shown), 1)
        display_id = shown[0]["content"]["transient"]["display_id"]
        self.assertEqual([u["content"]["transient"]["display_id"] for u in updates], [display_id, display_id])
        self.assertEqual([u["content"]["data"]["text/plain"] for u in updates],
                         ["step 1", "step 2 from a thread"])

    def complete(self, code, cursor_pos=None):
        """The complete_reply content for code, the cursor at cursor_pos (default: the end)."""
        self.flush_channels()
        msg_id = self.kc.complete(code, cursor_pos)
        reply = self.get_non_kernel_info_reply(timeout=jkt.TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        content = reply["content"]
        self.assertEqual(content["status"], "ok", content)
        return content

    def test_completion_knows_the_cells_earlier_declarations(self):
        code = 'String s = "abc";\nint n = 2;\ns.subs'
        content = self.complete(code)
        self.assertEqual(content["matches"], ["substring("])
        self.assertEqual(content["cursor_start"], len(code) - len("subs"))
        self.assertEqual(content["cursor_end"], len(code))
        # the cursor in the middle of a cell: what follows it does not count, what precedes it does
        code = 'StringBuilder sb = new StringBuilder();\nsb.appe\nint later = 1;'
        cursor = code.index("sb.appe") + len("sb.appe")
        content = self.complete(code, cursor)
        self.assertIn("append(", content["matches"])
        self.assertEqual((content["cursor_start"], content["cursor_end"]), (cursor - len("appe"), cursor))
        # nothing was run: s is still unknown
        reply, out = self.execute_helper("s.length()")
        self.assertEqual(reply["content"]["status"], "error")

    def test_nas_magic_completes_its_sub_commands_and_algorithms(self):
        content = self.complete("%nas ")
        self.assertTrue({"new", "step", "show", "help"} <= set(content["matches"]), content)
        self.assertEqual((content["cursor_start"], content["cursor_end"]), (5, 5))
        code = "int x = 1;\n%nas new pr"
        content = self.complete(code)
        self.assertEqual(content["matches"], ["primer"])
        self.assertEqual((content["cursor_start"], content["cursor_end"]), (len(code) - 2, len(code)))
        self.assertEqual(self.complete("%nas help new ")["matches"], ["lts", "primer", "autobert", "autodistil"])
        self.assertEqual(self.complete("%na")["matches"], ["%nas"])

    def test_nas_show_without_a_search_offers_only_views_that_need_none(self):
        # a named program is shown without a search (%nas show program vanilla); every other view needs one
        self.assertEqual(self.complete("%nas show ")["matches"], ["program", "attention", "attention-ops", "encoder"])
        self.assertEqual(self.complete("%nas plot fr")["matches"], [])
        # the kernel is still answering
        self.assertEqual(self.complete('"abc".toUpperCa')["matches"], ["toUpperCase("])

    def test_stdout_streams_while_the_cell_runs(self):
        # three lines printed one second apart must arrive as separate stream messages, before the reply
        self.flush_channels()
        code = 'for (int i = 0; i < 3; i++) { System.out.println("tick " + i); Thread.sleep(700); }'
        msg_id = self.kc.execute(code)
        arrivals = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=jkt.TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                arrivals.append((time.monotonic(), msg["content"]["text"]))
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        self.kc.get_shell_msg(timeout=jkt.TIMEOUT)
        texts = "".join(t for _, t in arrivals)
        self.assertEqual(texts, "tick 0\ntick 1\ntick 2\n")
        self.assertGreaterEqual(len(arrivals), 3)
        self.assertGreater(arrivals[-1][0] - arrivals[0][0], 1.0)


class InterruptTests(unittest.TestCase):
    """An endless loop is interrupted through jupyter_client; the next cell runs in the same kernel."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def interrupt_running(self, code):
        self.kc.execute_interactive("int before = 41;", timeout=60)
        msg_id = self.kc.execute(code)
        time.sleep(2.0)
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=30)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        after = self.kc.execute_interactive("before + 1", timeout=60)
        self.assertEqual(after["content"]["status"], "ok")

    def test_busy_loop(self):
        self.interrupt_running("long n = 0;\nwhile (true) { n++; }")

    def test_sleeping_cell(self):
        self.interrupt_running("while (true) { Thread.sleep(100); }")


if __name__ == "__main__":
    unittest.main()
