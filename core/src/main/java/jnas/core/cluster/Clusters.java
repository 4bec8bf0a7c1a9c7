package jnas.core.cluster;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds the {@link Cluster.Factory}: on the classpath when the {@code spark} module is there (a plain Java
 * program, the spark module's tests), otherwise from the jars named by the system property
 * {@code jnas.spark.classpath} or the environment variable {@code JNAS_SPARK_CLASSPATH} (entries separated
 * by ':', a trailing {@code dir/*} meaning every jar in dir), loaded into a class loader of their own the first
 * time a cluster is asked for. The installed kernelspec sets the variable to its copy of the spark module.
 */
public final class Clusters {
    private static Cluster.Factory factory;

    private Clusters() {}

    /** The factory; one line saying what to do when Spark's jars cannot be found. */
    public static synchronized Cluster.Factory factory() {
        if (factory != null) return factory;
        Cluster.Factory f = first(ServiceLoader.load(Cluster.Factory.class, Clusters.class.getClassLoader()));
        if (f == null) {
            String cp = System.getProperty("jnas.spark.classpath", System.getenv("JNAS_SPARK_CLASSPATH"));
            if (cp == null || cp.isBlank()) {
                throw new IllegalStateException("Spark is not available to this JVM: expected the spark module's jars in JNAS_SPARK_CLASSPATH "
                        + "(kernel/install sets it in the kernelspec; by hand: .../spark/target/jnas-spark.jar:.../spark/target/lib/*)");
            }
            List<URL> urls = urls(cp);
            URLClassLoader loader = new URLClassLoader("jnas-spark", urls.toArray(URL[]::new), Clusters.class.getClassLoader());
            f = first(ServiceLoader.load(Cluster.Factory.class, loader));
            if (f == null) {
                throw new IllegalStateException("JNAS_SPARK_CLASSPATH '" + cp + "' has no jnas spark module (no Cluster.Factory in "
                        + urls.size() + " entries); expected .../jnas-spark.jar:.../lib/*");
            }
        }
        factory = f;
        return f;
    }

    private static Cluster.Factory first(ServiceLoader<Cluster.Factory> loader) {
        Iterator<Cluster.Factory> it = loader.iterator();
        return it.hasNext() ? it.next() : null;
    }

    /** The entries of a classpath string as URLs, {@code dir/*} expanded to the jars in dir (sorted). */
    static List<URL> urls(String classpath) {
        List<URL> out = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            try {
                if (entry.endsWith("*")) {
                    Path dir = Path.of(entry.substring(0, entry.length() - 1));
                    if (!Files.isDirectory(dir)) {
                        throw new IllegalStateException("JNAS_SPARK_CLASSPATH entry '" + entry + "': no folder " + dir);
                    }
                    try (Stream<Path> jars = Files.list(dir)) {
                        for (Path j : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) out.add(j.toUri().toURL());
                    }
                } else {
                    Path p = Path.of(entry);
                    if (!Files.exists(p)) throw new IllegalStateException("JNAS_SPARK_CLASSPATH entry '" + entry + "' does not exist");
                    out.add(p.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new IllegalStateException("JNAS_SPARK_CLASSPATH entry '" + entry + "': " + e.getMessage());
            } catch (IOException e) {
                throw new IllegalStateException("JNAS_SPARK_CLASSPATH entry '" + entry + "': cannot list it: " + e.getMessage());
            }
        }
        return out;
    }
}
