package jnas.kernel.exec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs JShell snippets in this JVM, each on its own thread, and keeps the snippet's value as an object
 * (JShell itself only keeps a string) so the kernel can render it. {@link #stop()} interrupts the running
 * snippet; code that ignores interrupts is stopped by force after a grace period.
 */
public final class CellExecutionControl extends DirectExecutionControl {
    /** Stands for a snippet whose value was {@code null}. */
    public static final Object NULL = new Object();

    private static final long STOP_GRACE_MS = Long.getLong("jnas.interrupt.graceMs", 1500);

    private final NotebookClassLoader loader;
    private final ThreadGroup cellThreads = new ThreadGroup("jnas-cells");
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private volatile Thread running;
    private volatile boolean stopRequested;

    public CellExecutionControl(NotebookClassLoader loader) {
        super(loader);
        this.loader = loader;
    }

    public NotebookClassLoader loader() {
        return loader;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread cell = new Thread(cellThreads, () -> {
            try {
                value[0] = doit.invoke(null);
            } catch (InvocationTargetException e) {
                failure[0] = e.getCause();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "jnas-cell-" + counter.incrementAndGet());
        cell.setContextClassLoader(loader);
        stopRequested = false;
        running = cell;
        cell.start();
        try {
            cell.join();
        } finally {
            running = null;
        }
        if (stopRequested || failure[0] instanceof ThreadDeath) {
            throw new StoppedException();
        }
        if (failure[0] != null) {
            throw new InvocationTargetException(failure[0]);
        }
        String key = "jnas$" + counter.incrementAndGet();
        results.put(key, value[0] == null ? NULL : value[0]);
        return key;
    }

    /** The value of an executed snippet, once; {@link #NULL} for null, or null when unknown. */
    public Object takeResult(String key) {
        return key == null ? null : results.remove(key);
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop() {
        Thread cell = running;
        if (cell == null) {
            return;
        }
        stopRequested = true;
        cell.interrupt();
        try {
            cell.join(STOP_GRACE_MS);
            if (cell.isAlive()) {
                cell.stop(); // Java 17: ends code that never checks for interrupts (a busy loop)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UnsupportedOperationException e) {
            // Java 20+: only cooperative interruption is possible
        }
    }
}
