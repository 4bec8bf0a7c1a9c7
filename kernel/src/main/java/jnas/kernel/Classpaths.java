package jnas.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Expands classpath strings as a JVM does: entries split by the path separator, "dir/*" = the jars in dir. */
final class Classpaths {
    private Classpaths() {}

    static String expand(String classpath) {
        List<String> out = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            String e = entry.strip();
            if (e.isEmpty()) continue;
            if (e.endsWith("/*") || e.equals("*")) {
                Path dir = Path.of(e.equals("*") ? "." : e.substring(0, e.length() - 2));
                if (!Files.isDirectory(dir)) continue;
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                    List<String> sorted = new ArrayList<>();
                    jars.forEach(p -> sorted.add(p.toAbsolutePath().toString()));
                    sorted.sort(null);
                    out.addAll(sorted);
                } catch (IOException ex) {
                    throw new IllegalArgumentException("cannot list classpath folder '" + dir + "': " + ex.getMessage());
                }
            } else {
                out.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
