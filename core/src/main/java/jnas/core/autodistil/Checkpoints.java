package jnas.core.autodistil;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import jnas.core.model.EncoderConfig;
import jnas.core.util.CacheRoot;

/**
 * SuperLM checkpoints: the shared weights and the whole AdamW state after a chunk of training, under
 * {@code CacheRoot/superlm/KEY.ckpt} (DJL's NDList encoding: the weights, then both moments) with
 * {@code KEY.json} (the arrays' paths and AdamW's per-array step counts). KEY is the content hash of
 * everything the weights depend on (teacher, sub-space, hyper-parameters, seed, chunk), so a killed kernel
 * resumes from the last finished chunk and retraces the same trajectory. Files are written to a temporary
 * name and moved into place, so a checkpoint is whole or absent.
 */
public final class Checkpoints {
    private static final Gson GSON = new Gson();

    private Checkpoints() {}

    /** What a checkpoint holds once read. */
    public record Loaded(SuperLm superLm, AdamW adam) {}

    private record Meta(List<String> paths, Map<String, Integer> steps) {}

    public static Path dir() {
        return CacheRoot.dir("superlm");
    }

    public static boolean exists(String key) {
        return Files.isRegularFile(dir().resolve(key + ".ckpt")) && Files.isRegularFile(dir().resolve(key + ".json"));
    }

    /** Writes {@code lm}'s weights and {@code adam}'s state under {@code key}. */
    public static void save(String key, SuperLm lm, AdamW adam) {
        Path d = dir(), ckpt = d.resolve(key + ".ckpt"), json = d.resolve(key + ".json");
        NDList all = new NDList();
        all.addAll(lm.weights().values());
        all.addAll(adam.moments());
        try {
            Files.createDirectories(d);
            Path tmp = Files.createTempFile(d, key, ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                all.encode(out);
            }
            Files.move(tmp, ckpt, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path tj = Files.createTempFile(d, key, ".tmp");
            Files.writeString(tj, GSON.toJson(new Meta(lm.paths(), adam.steps())));
            Files.move(tj, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the SuperLM checkpoint '" + ckpt + "': " + e.getMessage(), e);
        }
    }

    /** Reads the checkpoint {@code key} into a new trainable SuperLM of {@code teacher}'s shape and its AdamW. */
    public static Loaded load(String key, EncoderConfig teacher, Distiller.Hyper h) {
        Path ckpt = dir().resolve(key + ".ckpt"), json = dir().resolve(key + ".json");
        NDManager manager = NDManager.newBaseManager("PyTorch");
        try (InputStream in = Files.newInputStream(ckpt)) {
            Meta meta = GSON.fromJson(Files.readString(json), new TypeToken<Meta>() {}.getType());
            NDList all = NDList.decode(manager, in);
            int n = meta.paths().size();
            if (all.size() != 3 * n) throw new IllegalStateException("checkpoint " + key + " holds " + all.size() + " arrays; expected " + 3 * n);
            Map<String, NDArray> weights = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) weights.put(meta.paths().get(i), all.get(i));
            SuperLm lm = new SuperLm(teacher, weights, manager, true);
            AdamW adam = adam(lm, h);
            adam.restore(new ArrayList<>(all.subList(n, 3 * n)), meta.steps());
            for (int i = n; i < 3 * n; i++) all.get(i).close();
            return new Loaded(lm, adam);
        } catch (IOException | RuntimeException e) {
            manager.close();
            if (e instanceof IllegalStateException ise) throw ise;
            throw new IllegalStateException("cannot read the SuperLM checkpoint '" + ckpt + "': " + e.getMessage(), e);
        }
    }

    /** A fresh AdamW for {@code lm}: BERT's betas (0.9, 0.999), epsilon 1e-6. */
    public static AdamW adam(SuperLm lm, Distiller.Hyper h) {
        return new AdamW(lm.weights(), 0.9, 0.999, 1e-6, h.weightDecay(), lm.manager());
    }
}
