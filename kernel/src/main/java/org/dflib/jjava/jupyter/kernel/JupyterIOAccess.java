package org.dflib.jjava.jupyter.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;

/**
 * Opens JupyterIO's package-private wiring to the jnas kernel, which replaces BaseKernel's execute
 * handler (for readable error names, history and a thread-safe end of cell) but must attach the same
 * streams. Lives in jjava-jupyter's package only for that access; it adds no behaviour.
 */
public final class JupyterIOAccess {
    private JupyterIOAccess() {}

    public static void attach(JupyterIO io, ShellReplyEnvironment env, boolean stdinEnabled) {
        io.setEnv(env);
        io.setJupyterInEnabled(stdinEnabled);
    }

    public static void detach(JupyterIO io, ShellReplyEnvironment env) {
        io.retractEnv(env);
    }
}
