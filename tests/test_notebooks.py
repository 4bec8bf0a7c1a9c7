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


class AutoBertNotebook(NotebookTest, unittest.TestCase):
    """04-autobert-zero.ipynb in quick mode: the space and its formulas, a search stepped live with its UCB
    tables, the baselines, BIWS measured, the best model's layers, the final table and the verdict."""
    NOTEBOOK = "04-autobert-zero.ipynb"
    TIMEOUT = 1200

    def data(self, cell, mime):
        return [o["data"][mime] for o in outputs_of(cell) if "data" in o and mime in o["data"]]

    def html(self, snippet):
        return self.data(self.cell_with(snippet), "text/html")[0]

    def test_quick_mode(self):
        self.assertEqual(text_of(outputs_of(self.cell_with("boolean quick"))), "mode: quick")

    def test_the_papers_attentions_render_as_formulas(self):
        l2 = self.cell_with("%nas show attention autobert-l2")
        self.assertEqual(self.data(l2, "text/latex")[0],
                         "$$\\mathrm{softmax}\\left(\\frac{Q\\,\\log\\left(1+e^{K^{\\top}}\\right)}{\\sqrt{d_h}}\\right)\\,"
                         "\\left(K+Q\\right)\\,W_O^{\\top}$$")
        self.assertIn("(autobert-l2): softmax(Q·log(1+exp(K^T))/sqrt(d_h))·(K+Q)·W_O^T", self.data(l2, "text/plain")[0])
        l12 = self.cell_with("%nas show attention autobert-l12")
        self.assertIn("softmax(Q·(K/sqrt(d_h)+V)^T/sqrt(d_h))·V·W_O^T", self.data(l12, "text/plain")[0])
        self.assertIn("<td>log_sigmoid</td>", self.html("%nas show attention-ops"))
        named = [c for c in self.code if c.source.strip() == "%nas show attention"][0]
        self.assertIn("<td>Q K</td>", self.data(named, "text/html")[0])
        self.assertIn("depthwise-separable conv, width 7", self.html("mixed.table()"))

    def test_the_search_shows_its_ucb_tables_changing(self):
        self.assertIn("AutoBERT-Zero search over autobert-encoder (seed 1", text_of(outputs_of(self.cell_with("Nas.use("))))
        ucb = [c for c in self.code if c.source.strip() == "%nas show ucb"]
        self.assertEqual(len(ucb), 2)
        tables = [self.data(c, "text/html")[0] for c in ucb]
        counts = [int(re.search(r"N = (\d+)", t).group(1)) for t in tables]
        self.assertGreater(counts[1], counts[0], "the second table has seen another generation's operations")
        steps = [c for c in self.code if c.source.strip() == "%nas step"]
        self.assertEqual(len(steps), 3)
        report = "".join(self.data(steps[1], "text/html"))  # the progress bar, then the generation's report
        self.assertIn("UCB scores before generation 1", report)
        self.assertIn("UCB scores after generation 1", report)
        self.assertIn("parents (Top-K)", report)
        self.assertIn("before: ", report)
        for snippet in ("%nas plot progress", "%nas plot ucb"):
            self.assertEqual(png_size(self.data(self.cell_with(snippet), "image/png")[0]), (720, 380))
        self.assertIn("Population: 6 of 6, best first", self.html("%nas show population"))
        signal = self.html("AutoBertViews.taskSignal(")
        for task in ("pos", "genre", "same_doc"):
            self.assertIn(f"<td>{task}</td>", signal)

    def test_baselines_biws_and_the_final_table(self):
        self.assertEqual(png_size(self.data(self.cell_with("AutoBertViews.comparison(runs"), "image/png")[0]), (760, 400))
        cmp = self.html("AutoBertViews.comparisonTable(runs)")
        for strategy in ("opnas", "evolution", "random"):
            self.assertIn(f"<td>{strategy}</td>", cmp)
        self.assertIn("BIWS on 12 children of", self.html("biws.table()"))
        self.assertIn("inherited (BIWS)", self.html("biws.summary()"))
        final = self.html("AutoBertExperiments.finalTable(")
        for model in ("BERT (vanilla)", "autobert-l2 in every layer", "autobert-l12 in every layer", "best found ("):
            self.assertIn(model, final)
        verdict = text_of(outputs_of(self.cell_with("StringBuilder verdict")))
        self.assertRegex(verdict, r"Search: after \d+ evaluations OP-NAS's best dev average was \d\.\d{3} \(seeds' mean\)")
        self.assertRegex(verdict, r"BIWS: the inherited short proxy ranks children with Spearman -?\d\.\d\d against the long proxy")
        self.assertRegex(verdict, r"Final: the best found model averaged \d\.\d{3} on fresh seeds against BERT's \d\.\d{3}")

    def test_the_best_models_layers(self):
        self.assertIn("Encoder ", self.html("best.table()"))
        self.assertIn("layers shown: 2", text_of(outputs_of(self.cell_with("display(c.attention())"))))


class AutoDistilNotebook(NotebookTest, unittest.TestCase):
    """05-autodistil.ipynb in quick mode: the teacher, the sub-spaces, training stepped live, the search with its
    front, the KL loss once, the four claims as tables, the paper's table and the computed verdict."""
    NOTEBOOK = "05-autodistil.ipynb"
    TIMEOUT = 1200

    def data(self, cell, mime):
        return [o["data"][mime] for o in outputs_of(cell) if "data" in o and mime in o["data"]]

    def html(self, snippet):
        return self.data(self.cell_with(snippet), "text/html")[-1]

    def test_quick_mode_and_the_teacher(self):
        self.assertEqual(text_of(outputs_of(self.cell_with("boolean quick"))), "mode: quick")
        self.assertRegex(text_of(outputs_of(self.cell_with("Teacher.pretrained("))),
                         r"teacher bert-tiny: L2 H128 A2 F512, \d+ parameters; 400 masked-LM steps.*accuracy 0\.\d{3}")

    def test_subspaces_training_and_search(self):
        self.assertIn("K = 3 sub-spaces: Tiny: layers 1", text_of(outputs_of(self.cell_with("Nas.use(fresh("))))
        spaces = self.html("%nas show subspaces")
        for name in ("Tiny", "Small", "Base"):
            self.assertIn(f"<td>{name}</td>", spaces)
        steps = [c for c in self.code if c.source.strip() == "%nas step"]
        self.assertEqual(len(steps), 2)
        train = "".join(self.data(steps[0], "text/html"))
        self.assertIn("the batches of every SuperLM", train)
        self.assertIn("L1 H36 A2 F126 (", train, "Tiny's largest sub-network leads each sandwich")
        self.assertIn("trained 2 steps: 8 batches per SuperLM", text_of(outputs_of(self.cell_with("while (search.steps()"))))
        self.assertEqual(png_size(self.data(self.cell_with("%nas plot loss"), "image/png")[0]), (720, 380))
        search = "".join(self.data(steps[1], "text/html"))
        self.assertIn("students chosen by the held-out distillation loss", search)
        self.assertIn("Pareto front per sub-space", self.html("%nas show front"))
        self.assertEqual(png_size(self.data(self.cell_with("%nas plot front"), "image/png")[0]), (720, 420))
        self.assertRegex(text_of(outputs_of(self.cell_with("lossLines"))), r"Tiny: first-step mean loss, MSE \d+\.\d{4}, KL \d+\.\d{4}")

    def test_the_claims(self):
        self.assertIn("6 sub-networks fine-tuned from their slices", self.html("List<AutoDistilExperiments.Target> targets"))
        agree = self.html("AutoDistilExperiments.agreementTable(")
        self.assertIn("<td>trained SuperLMs (K=3)</td>", agree)
        self.assertIn("<td>untrained SuperLM (control)</td>", agree)
        self.assertIn("K = 3 against K = 1 at equal total training, paired over 6 sub-networks", self.html("Search k1 = fresh("))
        self.assertIn("sliced weights against random initialisation", self.html("Map<String, String> chosen"))
        paper = self.html("AutoDistilExperiments.paperTable(")
        self.assertIn("<td>teacher</td>", paper)
        self.assertIn("AutoDistil-Tiny", paper)
        verdict = text_of(outputs_of(self.cell_with("StringBuilder verdict")))
        self.assertRegex(verdict, r"Proxy validity: over 6 sub-networks, Spearman -?\d\.\d\d and Kendall -?\d\.\d\d")
        self.assertRegex(verdict, r"Few-shot: K = 3 against K = 1 at equal training, held-out loss \d+\.\d{4} vs \d+\.\d{4}")
        self.assertRegex(verdict, r"Distillation pays: sliced students \d\.\d{4} against scratch \d\.\d{4}")
        self.assertRegex(verdict, r"AutoDistil-Tiny \(L\d H\d+ A\d F\d+\): \d+\.\d\dx fewer FLOPs than the teacher")


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
