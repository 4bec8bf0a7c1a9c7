"""The walkthrough notebooks executed with nbclient through the installed java-nas kernelspec; the tests
assert on what the outputs contain, not only that no cell failed."""
import base64
import io
import os
import re
import struct
import sys
import unittest
import xml.dom.minidom

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from execute_notebook import execute, write_outputs  # noqa: E402


def outputs_of(cell):
    return cell.get("outputs", [])


def png_size(b64):
    data = base64.b64decode(b64)
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def text_of(outputs):
    parts = []
    for o in outputs:
        if o["output_type"] == "stream":
            parts.append(o["text"])
        elif "data" in o:
            parts.append(str(o["data"].get("text/plain", "")))
    return "".join(parts)


class NotebookTest:
    """Mixed into a TestCase: executes NOTEBOOK once for the class (written under out/test-notebooks) and
    finds its cells by source."""
    NOTEBOOK = None
    TIMEOUT = 600

    @classmethod
    def setUpClass(cls):
        cls.prepare()
        cls.nb, cls.seconds = execute(os.path.join(ROOT, "notebooks", cls.NOTEBOOK), timeout=cls.TIMEOUT)
        write_outputs(cls.nb, os.path.splitext(cls.NOTEBOOK)[0], os.path.join(ROOT, "out", "test-notebooks"))
        cls.code = [c for c in cls.nb.cells if c.cell_type == "code"]
        print(f"\n{cls.NOTEBOOK} executed in {cls.seconds:.1f} s", file=sys.stderr)

    @classmethod
    def prepare(cls):
        """Runs before the notebook (e.g. to remove files an earlier run left)."""

    def cell_with(self, snippet):
        for c in self.code:
            if snippet in c.source:
                return c
        self.fail(f"no code cell contains {snippet!r}")

    def test_no_errors(self):
        errors = [o for c in self.code for o in outputs_of(c) if o["output_type"] == "error"]
        self.assertEqual(errors, [])


class TourNotebook(NotebookTest, unittest.TestCase):
    NOTEBOOK = "00-tour.ipynb"

    def test_java_value(self):
        out = outputs_of(self.cell_with("String greeting"))
        self.assertEqual(out[0]["output_type"], "execute_result")
        self.assertEqual(out[0]["data"]["text/plain"], "Hello from Java 17")

    def test_table_is_html_with_computed_values(self):
        out = outputs_of(self.cell_with("Table models"))
        html = out[0]["data"]["text/html"]
        self.assertIn("<table", html)
        for value in ("gpt2-tiny", "gpt2-small", "gpt2-medium", "decoder_params"):
            self.assertIn(value, html)
        # 12 layers of width 768: 85,054,464 decoder parameters (the GPT-2 small figure without embeddings)
        self.assertTrue("85054464" in html or "85,054,464" in html, html[:2000])
        self.assertIn("gpt2-small", out[0]["data"]["text/plain"])

    def test_line_plot_and_scatter_are_pngs_of_the_chart_size(self):
        line = outputs_of(self.cell_with("XYChart schedule"))[0]["data"]
        self.assertEqual(png_size(line["image/png"]), (640, 320))
        scatter = outputs_of(self.cell_with("XYChart scatter"))[0]["data"]
        self.assertEqual(png_size(scatter["image/png"]), (640, 360))

    def test_ndarray_on_pytorch(self):
        out = outputs_of(self.cell_with("NDManager.newBaseManager"))
        text = text_of(out)
        self.assertIn("engine: PyTorch 2.7.1", text)
        result = [o for o in out if o["output_type"] == "execute_result"][0]
        self.assertEqual(result["data"]["text/plain"], "[5.0, 11.0, 11.0, 25.0]")

    def test_nas_help_lists_subcommands(self):
        out = outputs_of(self.cell_with("%nas help"))
        text = text_of(out)
        self.assertIn("help", text)
        self.assertIn("version", text)
        self.assertTrue(any("text/html" in o.get("data", {}) for o in out))

    def test_nas_version(self):
        text = text_of(outputs_of(self.cell_with("%nas version")))
        self.assertIn("DJL 0.36.0", text)


if __name__ == "__main__":
    unittest.main()


class LtsNotebook(NotebookTest, unittest.TestCase):
    """01-lts.ipynb in quick mode (JNAS_QUICK=1, as run-tests sets it)."""
    NOTEBOOK = "01-lts.ipynb"
    TIMEOUT = 1200

    @classmethod
    def prepare(cls):
        import shutil
        shutil.rmtree(os.path.join(ROOT, "notebooks", "runs"), ignore_errors=True)

    def test_quick_mode(self):
        self.assertEqual(text_of(outputs_of(self.cell_with("boolean quick"))), "mode: quick")

    def test_tabular_claim_table(self):
        html = outputs_of(self.cell_with("LtsTabular.correlationTable"))[0]["data"]["text/html"]
        for s in ("random_GPT2_wt103", "random_TransXL_lm1b", "random_TransXL_wt103_homogeneous", "200/200", "186/186"):
            self.assertIn(s, html)
        # decoder params rank perplexity: Spearman 0.967 on GPT-2 / WikiText-103
        self.assertIn("<td class=\"num\">0.967</td>", html)
        png = outputs_of(self.cell_with("paperScatter"))[0]["data"]["image/png"]
        self.assertEqual(png_size(png), (720, 360))

    def test_space_defined_in_yaml(self):
        text = text_of(outputs_of(self.cell_with("%%searchspace gpt2-cpu-narrow")))
        self.assertIn("search space 'gpt2-cpu-narrow' defined", text)
        self.assertIn("33,070 architectures", text)
        html = outputs_of(self.cell_with("%nas spaces"))[0]["data"]["text/html"]
        self.assertIn("gpt2-cpu-narrow", html)

    def test_steps_show_reports_with_tables(self):
        first, second = [c for c in self.code if c.source.strip() == "%nas step"]
        html0 = [o for o in outputs_of(first) if "text/html" in o.get("data", {}) and "children" in o["data"]["text/html"]]
        self.assertEqual(len(html0), 1)
        self.assertIn("lts iteration 0: 40 random architectures", html0[0]["data"]["text/html"])
        html1 = [o for o in outputs_of(second) if "text/html" in o.get("data", {}) and "children" in o["data"]["text/html"]][0]
        self.assertIn("lts iteration 1: 10 parents, 15 mutations, 15 crossovers", html1["data"]["text/html"])
        self.assertIn("parents from the front", html1["data"]["text/html"])
        # a live progress bar: display_data with a display id
        self.assertTrue(any(o["output_type"] == "display_data" and "LTS iteration 1" in o["data"].get("text/plain", "")
                            for o in outputs_of(second)))

    def test_run_plots_and_front(self):
        self.assertIn("ran iterations 2..3", text_of(outputs_of(self.cell_with("\"run\", \"--steps\""))))
        png = outputs_of(self.cell_with("%nas plot front"))[0]["data"]["image/png"]
        self.assertEqual(png_size(png), (720, 440))
        self.assertEqual(png_size(outputs_of(self.cell_with("%nas plot progress"))[0]["data"]["image/png"]), (640, 320))
        front = outputs_of(self.cell_with("%nas show front"))[0]["data"]["text/html"]
        self.assertIn("Pareto front (dominance)", front)
        summary = text_of(outputs_of(self.cell_with("Nas.search()")))
        self.assertTrue(summary.startswith("iterations: 4, evaluated: "), summary)

    def test_latency_predictor_validation(self):
        html = outputs_of(self.cell_with("predictor.validate"))[0]["data"]["text/html"]
        self.assertIn("latency predictor on 6 held-out models: mean |error|", html)
        self.assertIn("predicted_ms", html)

    def test_training_on_brown(self):
        self.assertIn("Brown: 500 texts in 15 genres", text_of(outputs_of(self.cell_with("BrownCorpus.load()"))))
        cell = self.cell_with("Trainer.train")
        tables = [o for o in outputs_of(cell) if o["output_type"] == "execute_result"]
        html = tables[0]["data"]["text/html"]
        self.assertIn("Brown, 60 steps each", html)
        self.assertIn("20 rows", html)
        self.assertTrue(any(o["output_type"] == "display_data" for o in outputs_of(cell)), "a live progress line")
        png = outputs_of(self.cell_with("XYChart ours"))[0]["data"]["image/png"]
        self.assertEqual(png_size(png), (720, 360))
        compare = outputs_of(self.cell_with("Table compare"))[0]["data"]["text/html"]
        self.assertIn("Brown, lts-gpt2-cpu, 20 models x 60 steps (this run)", compare)
        self.assertIn("<td class=\"num\">0.967</td>", compare)


class BertNotebook(NotebookTest, unittest.TestCase):
    """03-bert-glue.ipynb in quick mode: the tag mapping, the split, the encoder, MLM pre-training, the tasks,
    and pre-trained against random initialisation over seeds."""
    NOTEBOOK = "03-bert-glue.ipynb"
    TIMEOUT = 1200

    def html(self, snippet):
        return [o for o in outputs_of(self.cell_with(snippet)) if o["output_type"] == "execute_result"][0]["data"]["text/html"]

    def test_quick_mode(self):
        self.assertEqual(text_of(outputs_of(self.cell_with("boolean quick"))), "mode: quick")

    def test_tags_split_and_vocabulary(self):
        tags = self.html("brown.tagSummary()")
        for tag in ("NOUN", "VERB", "ADP", "DET", "PRT"):
            self.assertIn(f"<td>{tag}</td>", tags)
        published = self.html("BrownTagMapping.comparison(")
        self.assertRegex(published, r"This mapping against en-brown.map: \d+ of 472 tag strings and 9\d\.\d\d% of 1161192 tokens agree")
        self.assertIn("<td>pp$ ", published)
        sizes = self.html("split.sizes()")
        for genre in ("news", "science_fiction", "all"):
            self.assertIn(genre, sizes)
        coverage = self.html("vocab.coverageTable(split)")
        for part in ("train", "dev", "test"):
            self.assertIn(f"<td>{part}</td>", coverage)

    def test_encoder_and_pre_training(self):
        self.assertIn("2 layers, hidden 128, vocabulary 8005, length 64", self.html("EncoderShapes.table(config)"))
        line = text_of(outputs_of(self.cell_with("MlmTrainer.pretrained")))
        m = re.search(r"dev masked-token loss (\d+\.\d+) -> (\d+\.\d+), accuracy (\d\.\d+)", line)
        self.assertIsNotNone(m, line)
        self.assertLess(float(m.group(2)), float(m.group(1)), "pre-training lowers the masked-token loss")
        png = outputs_of(self.cell_with("mlmCurve.addSeries"))[0]["data"]["image/png"]
        self.assertEqual(png_size(png), (640, 320))

    def test_tasks_and_results(self):
        tasks = self.html("Glue.tasksTable(tasks)")
        for task in ("pos", "genre", "same-doc"):
            self.assertIn(f"<td>{task}</td>", tasks)
        results = self.html("Glue.resultsTable(rows")
        for model in ("pre-trained, seed 1", "random init, seed 2", "avg"):
            self.assertIn(model, results)
        comparison = self.html("GlueComparison.table(comparison)")
        self.assertRegex(comparison, r"<td>(helps|hurts|within the spread)</td>")
        png = outputs_of(self.cell_with("GlueComparison.chart(comparison)"))[0]["data"]["image/png"]
        self.assertEqual(png_size(png), (720, 380))
        claims = text_of(outputs_of(self.cell_with("StringBuilder claims")))
        self.assertRegex(claims, r"pos: pre-trained \d\.\d{3} vs random \d\.\d{3} over 2 seeds -> (helps|hurts|within the spread)")
        self.assertRegex(claims, r"pos accuracy \d\.\d{3} against the most-frequent-tag baseline \d\.\d{3}: (above|not above) it")


class PrimerNotebook(NotebookTest, unittest.TestCase):
    """02-primer.ipynb in quick mode: the comparison table, loss curves and the verdict."""
    NOTEBOOK = "02-primer.ipynb"
    TIMEOUT = 1800

    def test_blocks_table(self):
        html = outputs_of(self.cell_with("Table shapes"))[0]["data"]["text/html"]
        self.assertIn('title="793344">793.3k</td>', html)   # vanilla 4 x 128, d_inner 512
        self.assertIn('title="797952">798k</td>', html)   # + 4 layers x 3 kernels x 3 x 128

    def test_comparison_table_and_curves(self):
        cell = self.cell_with("PrimerComparison.run")
        html = [o for o in outputs_of(cell) if o["output_type"] == "execute_result"][0]["data"]["text/html"]
        self.assertIn("8 rows", html)
        for v in ("vanilla", "squared_relu", "mdha", "primer_ez", "small (2x64)", "larger (4x128)"):
            self.assertIn(v, html)
        self.assertIn("24/24", text_of(outputs_of(cell)))
        for size in ("larger", "small"):
            png = outputs_of(self.cell_with(f"lossCurves(runs, \"{size}\")"))[0]["data"]["image/png"]
            self.assertEqual(png_size(png), (720, 400))
        verdict = text_of(outputs_of(self.cell_with("String verdict")))
        self.assertTrue(verdict.startswith("\"Primer-EZ") or verdict.startswith("Primer-EZ"), verdict)

    # ---- the search half ----

    def test_named_programs_as_pseudo_code(self):
        out = outputs_of(self.cell_with("%nas show program vanilla"))
        text = text_of(out)
        self.assertRegex(text, r"^program [0-9a-f]{12}: 12 instructions, input r0, output r12\n")
        self.assertIn("r5 = attention(r2, r3, r4, heads=4)\n", text)
        self.assertIn("<pre", out[0]["data"]["text/html"])
        text = text_of(outputs_of(self.cell_with("%nas show program primer")))
        for line in ("r3 = dconv(r2, width=3)", "r8 = attention(r3, r5, r7, heads=4)", "r13 = relu(r12)", "r14 = square(r13)"):
            self.assertIn(line, text)

    def _report_html(self, cell):
        html = [o["data"]["text/html"] for o in outputs_of(cell) if "text/html" in o.get("data", {})
                and "primer generation" in o["data"]["text/html"]]
        self.assertEqual(len(html), 1)
        return html[0]

    def test_generation_reports(self):
        self.assertIn("Primer search over primer-programs (seed 1, store runs/primer-search.db): population 8, tournaments of 3",
                      text_of(outputs_of(self.cell_with("%nas new primer"))))
        first, second = [c for c in self.code if c.source.strip() == "%nas step"]
        html0 = self._report_html(first)
        self.assertIn("primer generation 0: initial population of 8 (the vanilla program and 7 mutants of it): ", html0)
        self.assertIn("generation 0: children", html0)
        self.assertIn("data:image/png;base64,", html0)
        self.assertIn("Primer generation 0: ", text_of(outputs_of(first)))
        html1 = self._report_html(second)
        self.assertIn("primer generation 1: 4 tournaments of 3, 4 children: ", html1)
        self.assertIn("generation 1: tournaments", html1)
        self.assertIn("at step 60", html1)      # the hurdle
        self.assertIn("aged out", html1)
        self.assertRegex(html1, r"(passed|stopped) \(\d\.\d{4} (&lt;=|&gt;) \d\.\d{4}\)")

    def test_generations_progress_and_population(self):
        text = text_of([o for o in outputs_of(self.cell_with("int more")) if o["output_type"] == "execute_result"])
        rows = [line for line in text.splitlines() if re.match(r"^\s+\d+\s+\|", line)]
        self.assertEqual([int(r.split("|")[0]) for r in rows], list(range(6)))
        png = outputs_of(self.cell_with("%nas plot progress"))[0]["data"]["image/png"]
        self.assertEqual(png_size(png), (720, 380))
        self.assertIn("population (oldest first, 8 of 8)", outputs_of(self.cell_with("%nas show population"))[0]["data"]["text/html"])

    def test_best_program_and_fresh_seed(self):
        side = outputs_of(self.cell_with("sideBySide"))[0]["data"]["text/plain"]
        best = text_of(outputs_of([c for c in self.code if c.source.strip() == "best"][0]))
        best_id = re.match(r"program ([0-9a-f]{12}): ", best).group(1)
        self.assertIn(f"best found ({best_id})", side)
        html = outputs_of(self.cell_with("freshSeedTable"))[0]["data"]["text/html"]
        self.assertIn("on a fresh seed (1234), 240 steps each", html)
        for name in ("vanilla", "best found", "primer"):
            self.assertIn(f"<td>{name}</td>", html)
        png = outputs_of(self.cell_with("freshSeedCurves"))[0]["data"]["image/png"]
        self.assertEqual(png_size(png), (720, 360))
        found = text_of(outputs_of(self.cell_with("String found")))
        self.assertRegex(found, r"after 6 generations \(\d+ programs trained\), the best program " + best_id)
