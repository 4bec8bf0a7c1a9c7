package jnas.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where Spark's jars and this module's classes are on this machine, for the processes a standalone cluster
 * starts. Spark's jars are the folder holding {@code spark-core} when it is a folder of jars (the spark
 * module's {@code target/lib}, the kernelspec's copy), the folder named by {@code jnas.spark.lib}, or else
 * every jar of this JVM's classpath.
 */
final class SparkJars {
    private static Path log4j;

    private SparkJars() {}

    /** Spark and everything it needs (SPARK_HOME/jars of the workers). */
    static List<Path> sparkJars() {
        String lib = System.getProperty("jnas.spark.lib");
        Path dir = lib != null ? Path.of(lib) : codeSource(org.apache.spark.SparkContext.class).getParent();
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
                if (jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("scala-library"))) return jars;
            } catch (IOException e) {
                // fall back to the classpath
            }
        }
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) if (e.endsWith(".jar")) out.add(Path.of(e));
        return out;
    }

    /** The classpath of a master or worker: Spark's jars and this module. */
    static List<String> daemonClasspath() {
        Set<String> out = new LinkedHashSet<>();
        out.add(codeSource(SparkJars.class).toString());
        for (Path p : sparkJars()) out.add(p.toString());
        return new ArrayList<>(out);
    }

    /**
     * What an executor needs besides SPARK_HOME/jars: this JVM's classpath (the NAS library, DJL and its native
     * jars) and the jars of the loader that holds this module (in a kernel, Spark is loaded on demand).
     */
    static List<String> executorClasspath() {
        Set<String> out = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) if (!e.isBlank()) out.add(Path.of(e).toAbsolutePath().toString());
        if (SparkJars.class.getClassLoader() instanceof URLClassLoader u) {
            for (URL url : u.getURLs()) out.add(toPath(url).toString());
        }
        return new ArrayList<>(out);
    }

    /** The jars a remote cluster's executors fetch from this driver (spark.jars): the NAS library and its dependencies, not Spark. */
    static List<String> shippedJars() {
        Set<String> spark = new LinkedHashSet<>();
        for (Path p : sparkJars()) spark.add(p.toAbsolutePath().toString());
        List<String> out = new ArrayList<>();
        for (String e : executorClasspath()) {
            if (spark.contains(e)) continue;
            if (e.endsWith(".jar")) out.add(e);
            else out.add(jarOf(Path.of(e)));
        }
        return out;
    }

    /** Spark's own JVM options for Java 17 (the --add-opens list its launcher gives every Spark JVM). */
    static List<String> moduleOptions() {
        return List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray());
    }

    /** The quiet log4j2 configuration, as a file. */
    static synchronized Path log4jConfig() {
        if (log4j != null) return log4j;
        try (InputStream in = SparkJars.class.getResourceAsStream("log4j2.properties")) {
            Path f = Files.createTempFile("jnas-spark-log4j2-", ".properties");
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            f.toFile().deleteOnExit();
            log4j = f;
            return f;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the spark module's log4j2.properties is missing: " + e.getMessage());
        }
    }

    static Path codeSource(Class<?> c) {
        return toPath(c.getProtectionDomain().getCodeSource().getLocation());
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("classpath entry " + url + ": " + e.getMessage());
        }
    }

    /** A classes folder as a jar (a remote executor takes jars only), made once per folder in this JVM. */
    private static String jarOf(Path classes) {
        try {
            Path jar = Files.createTempFile("jnas-classes-", ".jar");
            jar.toFile().deleteOnExit();
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            return jar.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot pack " + classes + " as a jar for spark.jars: " + e.getMessage());
        }
    }
}
