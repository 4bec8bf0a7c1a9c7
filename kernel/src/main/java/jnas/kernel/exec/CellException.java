package jnas.kernel.exec;

import java.util.List;

/**
 * Why a cell failed, ready for Jupyter's {@code error} message: a name, a one-line value, and the lines
 * of the traceback (already readable, no JShell internals).
 */
public final class CellException extends RuntimeException {
    private final String name;
    private final List<String> traceback;

    public CellException(String name, String message, List<String> traceback) {
        super(message, null, false, false);
        this.name = name;
        this.traceback = List.copyOf(traceback);
    }

    public String name() {
        return name;
    }

    public List<String> traceback() {
        return traceback;
    }
}
