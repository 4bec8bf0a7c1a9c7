package jnas.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import jnas.kernel.exec.JavaEvaluator;

/**
 * Starts the kernel: {@code java -cp ... jnas.kernel.Main CONNECTION_FILE}. Environment:
 * {@code JNAS_CLASSPATH} (or JJava's {@code JJAVA_CLASSPATH}) adds jars whose extensions are installed too;
 * {@code JNAS_COMPILER_OPTS} passes options to the snippet compiler.
 */
public final class Main {
    /** Imported in every notebook before the first cell. */
    static final List<String> STARTUP_IMPORTS = List.of(
            "import java.util.*;", "import java.util.function.*;", "import java.util.stream.*;",
            "import java.io.*;", "import java.nio.file.*;", "import java.time.*;",
            // display(obj), updateDisplay(id, obj), render(obj): rich output from any cell or thread
            "import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: jnas.kernel.Main CONNECTION_FILE");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            System.err.println("jnas kernel: connection file '" + connectionFile + "' does not exist");
            System.exit(2);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
        NasKernel kernel = create();
        JupyterConnection connection = new JupyterConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }

    /** A kernel with its extensions installed, ready to connect (also used by tests in-process). */
    public static NasKernel create() {
        List<String> compilerOptions = new ArrayList<>();
        String opts = System.getenv("JNAS_COMPILER_OPTS");
        if (opts != null && !opts.isBlank()) {
            compilerOptions.addAll(List.of(opts.trim().split("\\s+")));
        }
        JavaEvaluator evaluator = new JavaEvaluator(Main.class.getClassLoader(), compilerOptions);
        NasKernel kernel = new NasKernel(version(), evaluator, new InMemoryHistory(), STARTUP_IMPORTS);
        kernel.onStartup(); // installs the extensions found on the classpath
        for (String var : List.of("JNAS_CLASSPATH", "JJAVA_CLASSPATH")) {
            String extra = System.getenv(var);
            if (extra != null && !extra.isBlank()) {
                kernel.addToClasspath(extra);
            }
        }
        return kernel;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
