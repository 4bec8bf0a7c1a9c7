package jnas.kernel.exec;

import java.util.Map;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell our in-process execution control and remembers it for the kernel. */
public final class CellExecutionProvider implements ExecutionControlProvider {
    private final ClassLoader parent;
    private volatile CellExecutionControl control;

    public CellExecutionProvider(ClassLoader parent) {
        this.parent = parent;
    }

    @Override
    public String name() {
        return "jnas-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        control = new CellExecutionControl(new NotebookClassLoader(parent));
        return control;
    }

    public CellExecutionControl control() {
        return control;
    }
}
