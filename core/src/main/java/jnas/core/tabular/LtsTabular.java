package jnas.core.tabular;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import jnas.core.stats.RankCorrelation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The LTS authors' logs of ~1,000 trained models (data/lts-tabular, MIT, from the LTS paper's code):
 * each model's configuration, logged parameter counts and validation perplexity; with this project's
 * decoder-parameter formulas checked against the logged counts, and LTS's central claim measured: the
 * decoder parameter count ranks perplexity far better than the total parameter count.
 */
public final class LtsTabular {
    /** One trained model. */
    public record Model(String name, String backbone, int nLayer, int dModel, List<Integer> dInner, List<Integer> nHead,
                        int dHead, long loggedDecoderParams, long loggedTotalParams, long decoderParams, Double validPpl) {}

    /** The five sets of the paper's release, in order. */
    public static final List<String> SETS = List.of("random_GPT2_wt103", "random_GPT2_lm1b", "random_TransXL_wt103",
            "random_TransXL_lm1b", "random_TransXL_wt103_homogeneous");

    private LtsTabular() {}

    /** data/lts-tabular, found from the working directory upwards; {@code jnas.ltsTabular} or JNAS_LTS_TABULAR override. */
    public static Path findDataRoot() {
        String explicit = System.getProperty("jnas.ltsTabular", System.getenv("JNAS_LTS_TABULAR"));
        if (explicit != null) {
            Path p = Path.of(explicit);
            if (!Files.isDirectory(p)) throw new IllegalArgumentException("LTS tabular data: '" + p + "' is not a folder; expected data/lts-tabular");
            return p;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data").resolve("lts-tabular");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new IllegalArgumentException("LTS tabular data: no data/lts-tabular in " + start + " or above; expected the"
                + " repository's data folder (or set JNAS_LTS_TABULAR)");
    }

    /** Reads one set: every config with its logged counts and (when logged) validation perplexity. */
    public static List<Model> load(Path setDir) {
        String backbone = setDir.getFileName().toString().contains("GPT2") ? "GPT-2" : "Transformer-XL";
        Map<String, Object> params = yaml(setDir.resolve("params_summary.yaml"));
        Map<String, Object> ppl = yaml(setDir.resolve("ppl_summary.yaml"));
        List<Model> out = new ArrayList<>();
        try (DirectoryStream<Path> configs = Files.newDirectoryStream(setDir.resolve("configs"), "*.yaml")) {
            List<Path> sorted = new ArrayList<>();
            configs.forEach(sorted::add);
            sorted.sort(null);
            for (Path p : sorted) {
                String name = p.getFileName().toString().replace(".yaml", "");
                Map<String, Object> c = yaml(p);
                Map<?, ?> counts = (Map<?, ?>) params.get(name);
                if (counts == null) continue;
                int n = ((Number) c.get("n_layer")).intValue();
                int d = ((Number) c.get("d_model")).intValue();
                List<Integer> inner = perLayer(c.get("d_inner"), n);
                List<Integer> heads = perLayer(c.get("n_head"), n);
                int dHead = c.get("d_head") == null ? -1 : ((Number) c.get("d_head")).intValue();
                long computed = backbone.equals("GPT-2") ? DecoderParams.gpt2(d, inner) : DecoderParams.transformerXl(d, inner, heads, dHead);
                Map<?, ?> perf = (Map<?, ?>) ppl.get(name);
                Double valid = perf == null || perf.get("valid_ppl") == null ? null : ((Number) perf.get("valid_ppl")).doubleValue();
                out.add(new Model(name, backbone, n, d, inner, heads, dHead, ((Number) counts.get("nonembedding")).longValue(),
                        ((Number) counts.get("total")).longValue(), computed, valid));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("LTS tabular data: cannot list " + setDir.resolve("configs") + ": " + e.getMessage());
        }
        return out;
    }

    private static List<Integer> perLayer(Object v, int n) {
        if (v instanceof List<?> list) return list.stream().map(x -> ((Number) x).intValue()).toList();
        int x = ((Number) v).intValue();
        return java.util.Collections.nCopies(n, x);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try {
            Object o = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(Files.readString(file));
            if (!(o instanceof Map)) throw new IllegalArgumentException(file + ": expected a YAML mapping at the top");
            return (Map<String, Object>) o;
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("somewhere");
            throw new IllegalArgumentException(file + ", " + where + ": " + String.valueOf(e.getProblem()).replaceAll("\\s+", " ")
                    + "; expected valid YAML");
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(file + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Rank correlations with validation perplexity over one set's models that have one. */
    public record Correlations(int models, int exact, int withPpl, double spearmanDecoder, double kendallDecoder,
                               double spearmanTotal, double kendallTotal) {}

    /** Correlations of decoder and total parameters with -valid_ppl (more parameters, lower perplexity: positive). */
    public static Correlations correlations(List<Model> models) {
        List<Model> rated = models.stream().filter(m -> m.validPpl() != null).toList();
        double[] negPpl = rated.stream().mapToDouble(m -> -m.validPpl()).toArray();
        double[] dec = rated.stream().mapToDouble(m -> (double) m.decoderParams()).toArray();
        double[] tot = rated.stream().mapToDouble(m -> (double) m.loggedTotalParams()).toArray();
        int exact = (int) models.stream().filter(m -> m.decoderParams() == m.loggedDecoderParams()).count();
        return new Correlations(models.size(), exact, rated.size(), RankCorrelation.spearman(dec, negPpl),
                RankCorrelation.kendallTauB(dec, negPpl), RankCorrelation.spearman(tot, negPpl), RankCorrelation.kendallTauB(tot, negPpl));
    }

    /** One row per set: models, exact decoder-count matches, and the four rank correlations. */
    public static Table correlationTable(Path root) {
        StringColumn set = StringColumn.create("set");
        StringColumn backbone = StringColumn.create("backbone");
        StringColumn dataset = StringColumn.create("dataset");
        IntColumn models = IntColumn.create("models_with_ppl");
        StringColumn exact = StringColumn.create("decoder_params_exact");
        DoubleColumn sd = DoubleColumn.create("spearman_decoder");
        DoubleColumn kd = DoubleColumn.create("kendall_decoder");
        DoubleColumn st = DoubleColumn.create("spearman_total");
        DoubleColumn kt = DoubleColumn.create("kendall_total");
        for (String name : SETS) {
            List<Model> m = load(root.resolve(name));
            Correlations c = correlations(m);
            set.append(name);
            backbone.append(m.get(0).backbone() + (name.endsWith("homogeneous") ? " (homogeneous)" : ""));
            dataset.append(name.contains("lm1b") ? "LM1B" : "WikiText-103");
            models.append(c.withPpl());
            exact.append(c.exact() + "/" + c.models());
            sd.append(round(c.spearmanDecoder()));
            kd.append(round(c.kendallDecoder()));
            st.append(round(c.spearmanTotal()));
            kt.append(round(c.kendallTotal()));
        }
        return Table.create("LTS tabular check: rank correlation with validation perplexity (of -ppl)", set, backbone, dataset,
                models, exact, sd, kd, st, kt);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
