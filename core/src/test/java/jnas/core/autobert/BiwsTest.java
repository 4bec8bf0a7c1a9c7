package jnas.core.autobert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import jnas.core.model.Encoder;
import jnas.core.model.EncoderConfig;

class BiwsTest {
    static final EncoderConfig SHAPE = EncoderConfig.homogeneous(30, 12, 3, 16, 2, 32);

    static Map<String, NDArray> byPath(Encoder e) {
        Map<String, NDArray> m = new HashMap<>();
        for (Pair<String, Parameter> p : e.getParameters()) m.put(Biws.path(p.getKey()), p.getValue().getArray());
        return m;
    }

    static Encoder built(NDManager m, HybridEncoder h, int seed) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        Encoder e = h.build();
        e.initialize(m, DataType.FLOAT32, new Shape(2, 12));
        return e;
    }

    @Test
    void pathsDropOnlyTheOrdinals() {
        assertEquals("layer1_attn_key_weight", Biws.path("05layer1_01attn_02key_weight"));
        assertEquals("layer0_ln_1_gamma", Biws.path("04layer0_02ln_1_gamma"));
        assertEquals("embeddings_word", Biws.path("01embeddings_word"));
    }

    @Test
    void aChildInheritsExactlyWhatFits() {
        HybridEncoder parent = new HybridEncoder(SHAPE, List.of(LayerChoice.attention(Attentions.vanilla()), LayerChoice.conv(7),
                LayerChoice.conv(7)));
        HybridEncoder child = new HybridEncoder(SHAPE, List.of(LayerChoice.attention(Attentions.get("autobert-l2")), LayerChoice.conv(3),
                LayerChoice.conv(15)));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Encoder p = built(m, parent, 1), c = built(m, child, 2);
            Biws.Inheritance in = Biws.inherit(p, c);
            Map<String, NDArray> pw = byPath(p), cw = byPath(c);
            // l2 reads no V: W_Q, W_K, W_O copied; no value parameters exist in the child
            for (String name : List.of("layer0_attn_query_weight", "layer0_attn_key_bias", "layer0_attn_output_weight", "layer0_ffn_c_fc_weight",
                    "embeddings_word", "mlm_dense_weight", "pooler_dense_bias", "layer2_attn_pointwise_weight")) {
                assertTrue(in.copied().contains(name), name + " in " + in.copied());
                assertArrayEquals(pw.get(name).toFloatArray(), cw.get(name).toFloatArray(), name);
            }
            assertTrue(cw.keySet().stream().noneMatch(k -> k.contains("value")));
            assertEquals(List.of("layer1_attn_depthwise_weight", "layer2_attn_depthwise_weight"), in.resized());
            assertEquals(List.of(), in.fresh());
            // width 3 from 7: the centre taps 2..4
            NDArray centre = pw.get("layer1_attn_depthwise_weight").get(new NDIndex(":, :, 2:5"));
            assertArrayEquals(centre.toFloatArray(), cw.get("layer1_attn_depthwise_weight").toFloatArray());
            // width 15 from 7: the parent's taps at 4..10, zeros around them
            NDArray wide = cw.get("layer2_attn_depthwise_weight");
            assertArrayEquals(pw.get("layer2_attn_depthwise_weight").toFloatArray(), wide.get(new NDIndex(":, :, 4:11")).toFloatArray());
            assertEquals(0f, wide.get(new NDIndex(":, :, 0:4")).abs().sum().getFloat());
            assertEquals(0f, wide.get(new NDIndex(":, :, 11:")).abs().sum().getFloat());
            // ... so the widened convolution computes what the parent's did
            NDArray x = m.randomNormal(new Shape(2, 12, 16));
            NDArray real = m.ones(new Shape(2, 12));
            ParameterStore ps = new ParameterStore(m, false);
            var parentConv = ((Encoder.EncoderLayer) p.layers().get(2)).getChildren().get(0).getValue();
            var childConv = ((Encoder.EncoderLayer) c.layers().get(2)).getChildren().get(0).getValue();
            float[] a = parentConv.forward(ps, new NDList(x, real), false).singletonOrThrow().toFloatArray();
            float[] b = childConv.forward(ps, new NDList(x, real), false).singletonOrThrow().toFloatArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5);
            assertTrue(in.inheritedShare() == 1.0, in.summary());
        }
    }

    @Test
    void aLayerThatSwitchesKindStartsFresh() {
        HybridEncoder parent = new HybridEncoder(SHAPE, List.of(LayerChoice.attention(Attentions.get("autobert-l2")), LayerChoice.conv(7),
                LayerChoice.conv(7)));
        HybridEncoder child = new HybridEncoder(SHAPE, List.of(LayerChoice.attention(Attentions.vanilla()),
                LayerChoice.attention(Attentions.vanilla()), LayerChoice.conv(7)));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Encoder p = built(m, parent, 1), c = built(m, child, 2);
            Map<String, float[]> before = new HashMap<>();
            for (var e : byPath(c).entrySet()) before.put(e.getKey(), e.getValue().toFloatArray());
            Biws.Inheritance in = Biws.inherit(p, c);
            // layer 0 gains a W_V its parent never had; layer 1 was a convolution: its attention is fresh
            assertEquals(List.of("layer0_attn_value_weight", "layer0_attn_value_bias", "layer1_attn_query_weight", "layer1_attn_query_bias",
                    "layer1_attn_key_weight", "layer1_attn_key_bias", "layer1_attn_value_weight", "layer1_attn_value_bias",
                    "layer1_attn_output_weight", "layer1_attn_output_bias"), in.fresh());
            Map<String, NDArray> after = byPath(c);
            for (String name : in.fresh()) assertArrayEquals(before.get(name), after.get(name).toFloatArray(), name + " kept its initialisation");
            long values = 0;
            for (var e : after.values()) values += e.size();
            assertEquals(values, in.copiedValues() + in.resizedValues() + in.freshValues());
            assertTrue(in.inheritedShare() > 0.5 && in.inheritedShare() < 1, in.summary());
        }
    }
}
