package jnas.core.autodistil;

import java.util.function.Supplier;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Runs code with PyTorch's gradient mode off on this thread, then restores it. The mode is per thread and on
 * by default in threads the engine did not start (a kernel's cell thread): outside a gradient collector,
 * forwards would record graphs and in-place updates of the shared weights would be refused.
 */
final class NoGrad {
    private NoGrad() {}

    static <T> T run(Supplier<T> body) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    static void run(Runnable body) {
        run(() -> {
            body.run();
            return null;
        });
    }
}
