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
 */
public final class NotebookClassLoader extends URLClassLoader implements LoaderDelegate {
    private final Map<String, byte[]> snippetClasses = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> defined = new ConcurrentHashMap<>();

    public NotebookClassLoader(ClassLoader parent) {
        super("jnas-notebook", new URL[0], parent);
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
