package jnas.kernel.exec;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * The one class loader of a notebook: it defines the classes JShell compiles for each snippet and
 * takes extra jars at run time. Its parent is the kernel's own loader, so notebook code, magics and
 * the NAS library see the same classes (one {@code BaseKernel}, one {@code Table}).
 *
 * <p>Every snippet class is also written as a class file under a folder of this kernel (the system property
 * {@value #CLASS_FILES_PROPERTY} names it), where a Spark driver serves them to its executors
 * ({@code spark.repl.class.outputDir}): a class or lambda defined in a cell then runs on a cluster.
 */
public final class NotebookClassLoader extends URLClassLoader implements LoaderDelegate {
    private final Map<String, byte[]> snippetClasses = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> defined = new ConcurrentHashMap<>();
    /** The system property naming the folder of this kernel's snippet class files. */
    public static final String CLASS_FILES_PROPERTY = "jnas.repl.classes";
    private final Path classFiles;

    public NotebookClassLoader(ClassLoader parent) {
        this(parent, classFilesFolder());
    }

    /** A loader that writes snippet class files under {@code classFiles} (null: nowhere). */
    public NotebookClassLoader(ClassLoader parent, Path classFiles) {
        super("jnas-notebook", new URL[0], parent);
        this.classFiles = classFiles;
    }

    /** This JVM's folder of snippet class files: the property's, or a new temporary one (removed when the JVM exits). */
    private static synchronized Path classFilesFolder() {
        String given = System.getProperty(CLASS_FILES_PROPERTY);
        if (given != null) return Path.of(given);
        try {
            Path dir = java.nio.file.Files.createTempDirectory("jnas-cells-");
            System.setProperty(CLASS_FILES_PROPERTY, dir.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (java.io.IOException e) {
                    // a temporary folder left behind
                }
            }, "jnas-cells-cleanup"));
            return dir;
        } catch (java.io.IOException e) {
            return null; // cells' classes then stay in this JVM; a cluster says so when it needs them
        }
    }

    /** The folder snippet class files are written to, or null. */
    public Path classFiles() {
        return classFiles;
    }

    private void write(ClassBytecodes[] cbcs) {
        if (classFiles == null) return;
        for (ClassBytecodes c : cbcs) {
            try {
                Path f = classFiles.resolve(c.name().replace('.', '/') + ".class");
                java.nio.file.Files.createDirectories(f.getParent());
                java.nio.file.Files.write(f, c.bytecodes());
            } catch (java.io.IOException | RuntimeException e) {
                // only a cluster needs the file; it reports a class it cannot load
            }
        }
    }

    /** Serves both roles: the class loader's lookup and JShell's "find a loaded snippet class". */
    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> known = defined.get(name);
        if (known != null) {
            return known;
        }
        byte[] bytes = snippetClasses.get(name);
        if (bytes != null) {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                defined.put(name, c);
                return c;
            }
        }
        return super.findClass(name);
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        boolean[] installed = new boolean[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            snippetClasses.put(cbcs[i].name(), cbcs[i].bytecodes());
        }
        write(cbcs);
        try {
            for (int i = 0; i < cbcs.length; i++) {
                Class<?> c = loadClass(cbcs[i].name());
                c.getDeclaredMethods(); // link now, so a broken snippet fails here and not later
                installed[i] = true;
            }
        } catch (Throwable t) {
            throw new ClassInstallException("load: " + t.getMessage(), installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes cbc : cbcs) {
            snippetClasses.put(cbc.name(), cbc.bytecodes());
        }
        write(cbcs);
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String p : path.split(java.io.File.pathSeparator)) {
            if (p.isBlank()) continue;
            try {
                addURL(Path.of(p).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("bad classpath entry '" + p + "': " + e.getMessage());
            }
        }
    }
}
