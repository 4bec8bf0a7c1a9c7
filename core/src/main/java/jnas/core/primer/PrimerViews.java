package jnas.core.primer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import jnas.core.data.TokenStreams;
import jnas.core.report.Report;
import jnas.core.search.Search;
import jnas.core.store.Trial;
import jnas.core.train.TrainConfig;
import jnas.core.train.TrainResult;
import jnas.core.train.Trainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tablesaw tables and XChart charts of a Primer search and of its generation reports, and the step view. */
public final class PrimerViews {
    private static final Color[] PALETTE = {new Color(37, 99, 235), new Color(220, 38, 38), new Color(22, 163, 74),
            new Color(217, 119, 6), new Color(147, 51, 234), new Color(8, 145, 178), new Color(190, 24, 93), new Color(101, 163, 13)};

    private PrimerViews() {}

    // ---- a generation ------------------------------------------------------------------------------

    /** Each tournament: who was sampled (with their loss) and who won. */
    public static Table tournaments(PrimerStepReport r) {
        IntColumn n = IntColumn.create("tournament");
        StringColumn entrants = StringColumn.create("sampled (validation loss)");
        StringColumn winner = StringColumn.create("winner (parent)");
        DoubleColumn loss = DoubleColumn.create("winner_loss");
        for (int i = 0; i < r.tournaments().size(); i++) {
            PrimerStepReport.Tournament t = r.tournaments().get(i);
            n.append(i + 1);
            entrants.append(String.join(", ", t.entrants().stream().map(e -> e.id() + String.format(" (%.4f)", e.loss())).toList()));
            winner.append(t.winner());
            loss.append(t.entrants().stream().filter(e -> e.id().equals(t.winner())).findFirst().orElseThrow().loss());
        }
        return Table.create("generation " + r.generation() + ": tournaments", n, entrants, winner, loss);
    }

    /** Each child: parent, mutation, training outcome, hurdle decision and who aged out when it joined. */
    public static Table children(PrimerStepReport r) {
        StringColumn id = StringColumn.create("child");
        StringColumn parent = StringColumn.create("parent");
        StringColumn mutation = StringColumn.create("mutation");
        StringColumn status = StringColumn.create("status");
        DoubleColumn atHurdle = DoubleColumn.create("loss_at_hurdle");
        StringColumn decision = StringColumn.create("hurdle");
        DoubleColumn loss = DoubleColumn.create("val_loss");
        IntColumn steps = IntColumn.create("steps");
        LongColumn params = LongColumn.create("decoder_params");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        StringColumn aged = StringColumn.create("aged_out");
        for (PrimerStepReport.Child c : r.children()) {
            id.append(c.id());
            parent.append(c.parent() == null ? "-" : c.parent());
            mutation.append(c.description());
            status.append(c.status().replace('_', ' '));
            atHurdle.append(c.lossAtHurdle());
            decision.append(Double.isNaN(r.hurdle()) ? "none" : !c.trained() ? "-"
                    : Double.isNaN(c.lossAtHurdle()) ? "not reached"
                    : c.lossAtHurdle() > r.hurdle() ? String.format("stopped (%.4f > %.4f)", c.lossAtHurdle(), r.hurdle())
                    : String.format("passed (%.4f <= %.4f)", c.lossAtHurdle(), r.hurdle()));
            loss.append(c.validLoss());
            steps.append(c.steps());
            params.append(c.params());
            seconds.append(c.seconds());
            aged.append(c.agedOut() == null ? "" : c.agedOut());
        }
        return Table.create("generation " + r.generation() + ": children", id, parent, mutation, status, atHurdle, decision, loss,
                steps, params, seconds, aged);
    }

    /** The mutations thrown away and why (the first ones of the generation). */
    public static Table rejections(PrimerStepReport r) {
        StringColumn kind = StringColumn.create("mutation");
        StringColumn reason = StringColumn.create("why it was rejected");
        for (PrimerStepReport.Rejection x : r.rejections()) {
            kind.append(x.mutation());
            reason.append(x.reason());
        }
        return Table.create("generation " + r.generation() + ": " + r.rejected() + " mutations rejected", kind, reason);
    }

    /** Validation loss against steps for every child of the generation, with the hurdle. */
    public static XYChart curves(PrimerStepReport r) {
        XYChart chart = new XYChartBuilder().width(720).height(360).title("generation " + r.generation() + ": children's validation loss")
                .xAxisTitle("training step").yAxisTitle("validation loss (nats/char)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int k = 0;
        double maxStep = 1;
        for (PrimerStepReport.Child c : r.children()) {
            if (c.curve().isEmpty()) continue;
            XYSeries s = chart.addSeries(c.id() + " (" + c.status().replace('_', ' ') + ")",
                    c.curve().stream().map(p -> (double) p.step()).toList(), c.curve().stream().map(ProgramTraining.Point::validLoss).toList());
            s.setMarker(SeriesMarkers.CIRCLE);
            Color col = PALETTE[k++ % PALETTE.length];
            s.setLineColor(col);
            s.setMarkerColor(col);
            if (c.status().equals("stopped_at_hurdle")) s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            maxStep = Math.max(maxStep, c.curve().get(c.curve().size() - 1).step());
        }
        if (!Double.isNaN(r.hurdle())) {
            XYSeries h = chart.addSeries(String.format("hurdle %.4f at step %d", r.hurdle(), r.hurdleStep()),
                    new double[] {r.hurdleStep()}, new double[] {r.hurdle()});
            h.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            h.setMarker(SeriesMarkers.DIAMOND);
            h.setMarkerColor(Color.BLACK);
        }
        if (!Double.isNaN(r.vanillaLoss())) {
            XYSeries v = chart.addSeries(String.format("vanilla's final %.4f", r.vanillaLoss()), new double[] {0, maxStep},
                    new double[] {r.vanillaLoss(), r.vanillaLoss()});
            v.setMarker(SeriesMarkers.NONE);
            v.setLineColor(Color.GRAY);
            v.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        }
        if (k == 0) chart.addSeries("nothing trained", new double[] {0}, new double[] {0});
        return chart;
    }

    // ---- the whole search ----------------------------------------------------------------------------

    /** The living population, oldest first. */
    public static Table population(Search s) {
        List<Trial> rows = s.state(Primer.State.class).population().stream().map(s.history()::get).toList();
        return trials("population (oldest first, " + rows.size() + " of " + s.algorithm(Primer.class).config().population() + ")", rows);
    }

    /** Every trained program, in order. */
    public static Table history(Search s) {
        List<Trial> all = s.history().trials();
        return trials("history: " + all.size() + " programs trained", all);
    }

    private static Table trials(String title, List<Trial> rows) {
        IntColumn gen = IntColumn.create("generation");
        StringColumn id = StringColumn.create("id");
        StringColumn origin = StringColumn.create("mutation");
        StringColumn parent = StringColumn.create("parent");
        StringColumn status = StringColumn.create("status");
        DoubleColumn atHurdle = DoubleColumn.create("loss_at_hurdle");
        DoubleColumn loss = DoubleColumn.create("val_loss");
        LongColumn params = LongColumn.create("decoder_params");
        IntColumn size = IntColumn.create("instructions");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (Trial t : rows) {
            gen.append(t.step());
            id.append(t.archId());
            origin.append(t.origin());
            parent.append(t.parents().isEmpty() ? "-" : t.parents().get(0));
            status.append(Primer.status(t).replace('_', ' '));
            atHurdle.append(t.values().getOrDefault("loss_at_hurdle", Double.NaN));
            loss.append(t.values().getOrDefault("val_loss", Double.NaN));
            params.append(t.values().get("decoder_params").longValue());
            size.append(Program.fromJson(t.archJson()).size());
            seconds.append(t.seconds());
        }
        return Table.create(title, gen, id, origin, parent, status, atHurdle, loss, params, size, seconds);
    }

    /** One row per finished generation. */
    public static Table generations(Search s) {
        IntColumn gen = IntColumn.create("generation");
        IntColumn children = IntColumn.create("children");
        IntColumn completed = IntColumn.create("completed");
        IntColumn stopped = IntColumn.create("stopped_at_hurdle");
        IntColumn rejected = IntColumn.create("rejected");
        DoubleColumn hurdle = DoubleColumn.create("hurdle");
        StringColumn best = StringColumn.create("best");
        DoubleColumn bestLoss = DoubleColumn.create("best_loss");
        DoubleColumn vanilla = DoubleColumn.create("vanilla_loss");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (PrimerStepReport r : s.reports(PrimerStepReport.class)) {
            gen.append(r.generation());
            children.append(r.children().size());
            completed.append((int) r.count("completed"));
            stopped.append((int) r.count("stopped_at_hurdle"));
            rejected.append(r.rejected());
            hurdle.append(r.hurdle());
            best.append(r.bestId() == null ? "-" : r.bestId());
            bestLoss.append(r.bestLoss());
            vanilla.append(r.vanillaLoss());
            seconds.append(r.seconds());
        }
        return Table.create("generations", gen, children, completed, stopped, rejected, hurdle, best, bestLoss, vanilla, seconds);
    }

    /**
     * Every trained program's validation loss in training order (completed ones as dots, those stopped at
     * the hurdle as crosses at their loss there), the best so far as a step line, and vanilla's loss.
     */
    public static XYChart progress(Search s) {
        List<Trial> trials = s.history().trials();
        XYChart chart = new XYChartBuilder().width(720).height(380)
                .title("Primer search: " + trials.size() + " programs in " + s.steps() + " generations")
                .xAxisTitle("program trained (in order)").yAxisTitle("validation loss (nats/char)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<Double> cx = new ArrayList<>(), cy = new ArrayList<>(), hx = new ArrayList<>(), hy = new ArrayList<>();
        List<Double> bx = new ArrayList<>(), by = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            String st = Primer.status(t);
            Double loss = t.values().get("val_loss");
            if (st.equals("completed")) {
                cx.add(i + 1.0);
                cy.add(loss);
                best = Math.min(best, loss);
            } else if (st.equals("stopped_at_hurdle")) {
                hx.add(i + 1.0);
                hy.add(loss);
            }
            if (Double.isFinite(best)) {
                bx.add(i + 1.0);
                by.add(best);
            }
        }
        if (!cx.isEmpty()) scatter(chart, "completed", cx, cy, SeriesMarkers.CIRCLE, PALETTE[0]);
        if (!hx.isEmpty()) scatter(chart, "stopped at hurdle", hx, hy, SeriesMarkers.CROSS, PALETTE[1]);
        if (!bx.isEmpty()) {
            XYSeries b = chart.addSeries("best so far", bx, by);
            b.setMarker(SeriesMarkers.NONE);
            b.setLineColor(PALETTE[2]);
            b.setLineStyle(new BasicStroke(2f));
        }
        Trial vanilla = s.history().get(Programs.vanilla().id());
        if (vanilla != null && vanilla.values().containsKey("val_loss")) {
            double v = vanilla.values().get("val_loss");
            XYSeries line = chart.addSeries(String.format("vanilla %.4f", v), new double[] {1, Math.max(2, trials.size())}, new double[] {v, v});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.GRAY);
        }
        if (trials.isEmpty()) chart.addSeries("nothing trained yet", new double[] {0}, new double[] {0});
        return chart;
    }

    private static void scatter(XYChart chart, String name, List<Double> x, List<Double> y, org.knowm.xchart.style.markers.Marker m, Color c) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(m);
        s.setMarkerColor(c);
    }

    /** The best complete program of a Primer search so far; one line when none has finished training. */
    public static Program best(Search s) {
        Trial t = Primer.best(s.history().trials());
        if (t == null) throw new IllegalStateException("no program has finished training yet; step the search first");
        return Program.fromJson(t.archJson());
    }

    /** The program with this name (vanilla, primer), id or unique id prefix among the search's trials (any when s is null). */
    public static Program program(Search s, String idOrName) {
        return Primer.lookup(idOrName, s == null ? List.of() : s.history().trials());
    }

    /**
     * One generation as a report: the summary, the tournaments, the children (mutation, hurdle decision, loss,
     * who aged out), each mutation as a diff of the program, the rejected mutations and the training curves.
     */
    public static Report step(PrimerStepReport report) {
        StringBuilder text = new StringBuilder(report.summary());
        List<Report.Code> diffs = new ArrayList<>();
        for (PrimerStepReport.Child c : report.children()) {
            text.append("\n\nchild ").append(c.id()).append(" of ").append(c.parent() == null ? "-" : c.parent()).append(": ")
                    .append(c.description()).append(" -> ").append(c.status().replace('_', ' '));
            if (!Double.isNaN(c.validLoss())) text.append(String.format(", val loss %.4f", c.validLoss()));
            if (c.agedOut() != null) text.append(", aged out ").append(c.agedOut());
            for (String line : c.diff()) if (!line.startsWith("  ")) text.append("\n    ").append(line);
            if (!c.diff().isEmpty()) diffs.add(new Report.Code(c.id() + " from " + c.parent() + ": " + c.description(), c.diff()));
        }
        List<Object> parts = new ArrayList<>();
        if (!report.tournaments().isEmpty()) parts.add(tournaments(report));
        parts.add(children(report));
        if (!diffs.isEmpty()) parts.add(new Report.Codes(diffs));
        if (report.rejected() > 0) parts.add(rejections(report));
        parts.add(curves(report));
        return new Report(report.summary(), text.toString(), parts);
    }

    // ---- programs side by side, and a fresh-seed comparison -------------------------------------------

    /** Two programs as pseudo-code, aligned: lines only the first has, lines both have, lines only the second has. */
    public static Table sideBySide(String leftName, Program left, String rightName, Program right) {
        int[] identity = new int[left.size() + 1];
        for (int i = 0; i < identity.length; i++) identity[i] = i;
        StringColumn l = StringColumn.create(leftName + " (" + left.id() + ")");
        StringColumn r = StringColumn.create(rightName + " (" + right.id() + ")");
        StringColumn mark = StringColumn.create("");
        for (String line : Mutations.diff(left, right, identity)) {
            String text = line.substring(2);
            switch (line.charAt(0)) {
                case '-' -> { l.append(text); mark.append("<"); r.append(""); }
                case '+' -> { l.append(""); mark.append(">"); r.append(text); }
                default -> { l.append(text); mark.append("="); r.append(text); }
            }
        }
        return Table.create(leftName + " vs " + rightName, l, mark, r);
    }

    /** One program trained in the comparison. */
    public record Run(String name, Program program, TrainResult result, double flopsPerToken) {}

    /**
     * Trains each named program from scratch with the search's model shape and budget ({@code steps}, which
     * may be longer than the search's) on a seed the search never used, so a search's winner is checked
     * against luck in its own data order and initialisation.
     */
    public static List<Run> freshSeed(Map<String, Program> programs, PrimerConfig config, TokenStreams data, int steps, long seed) {
        TrainConfig train = config.with(Map.of("steps", Integer.toString(steps), "eval_every", Integer.toString(Math.max(1, steps / 10)),
                "hurdle_step", "0")).trainConfig(seed);
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, Program> e : programs.entrySet()) {
            Program p = e.getValue();
            TrainResult r = Trainer.train(v -> ProgramLayer.decoder(p, ProgramTraining.shape(config, v)), data, train);
            runs.add(new Run(e.getKey(), p, r, ProgramTraining.flopsPerToken(p, config, data.vocabSize())));
        }
        return runs;
    }

    /** The fresh-seed runs against the first (the reference): final loss, perplexity, steps to the reference's final loss. */
    public static Table freshSeedTable(List<Run> runs, long seed) {
        Run ref = runs.get(0);
        StringColumn name = StringColumn.create("program");
        StringColumn id = StringColumn.create("id");
        LongColumn params = LongColumn.create("parameters");
        DoubleColumn mflops = DoubleColumn.create("mflops_per_token");
        DoubleColumn loss = DoubleColumn.create("final_val_loss");
        DoubleColumn ppl = DoubleColumn.create("final_ppl");
        DoubleColumn steps = DoubleColumn.create("steps_to_" + ref.name() + "_loss");
        DoubleColumn speedup = DoubleColumn.create("speedup_steps");
        DoubleColumn seconds = DoubleColumn.create("train_seconds");
        for (Run r : runs) {
            name.append(r.name());
            id.append(r.program().id());
            params.append(r.result().parameters());
            mflops.append(r.flopsPerToken() / 1e6);
            loss.append(r.result().validLoss());
            ppl.append(r.result().perplexity());
            double s = PrimerComparison.stepsToReach(r.result(), ref.result().validLoss());
            steps.append(s);
            speedup.append(ref.result().steps() / s);
            seconds.append(r.result().trainSeconds());
        }
        return Table.create("on a fresh seed (" + seed + "), " + ref.result().steps() + " steps each", name, id, params, mflops, loss, ppl,
                steps, speedup, seconds);
    }

    /** The fresh-seed runs' validation curves. */
    public static XYChart freshSeedCurves(List<Run> runs) {
        XYChart chart = new XYChartBuilder().width(720).height(360).title("fresh seed: validation loss")
                .xAxisTitle("training step").yAxisTitle("validation loss (nats/char)").build();
        int k = 0;
        for (Run r : runs) {
            XYSeries s = chart.addSeries(r.name() + " (" + r.program().id() + ")",
                    r.result().curve().stream().map(p -> (double) p.step()).toList(),
                    r.result().curve().stream().map(TrainResult.LossPoint::validLoss).toList());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color[] {Color.GRAY, PALETTE[0], PALETTE[1], PALETTE[2]}[k++ % 4]);
            s.setLineStyle(new BasicStroke(2f));
        }
        return chart;
    }
}
