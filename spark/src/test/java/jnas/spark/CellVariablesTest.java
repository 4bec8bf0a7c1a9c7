package jnas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes JShell makes of cells, compiled here with the same names: a cell variable is a static field of a
 * wrapper class {@code REPL.$JShell$N}, a cell's class a nested class of its wrapper.
 */
class CellVariablesTest {
    @TempDir
    Path dir;

    private Class<?> compile(String wrapper, String source, String nested) throws Exception {
        Path src = dir.resolve("src/REPL/" + wrapper + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package REPL;\n" + source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", dir.resolve("classes").toString(), "-cp", dir.resolve("classes").toString(), src.toString()));
        URLClassLoader l = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, getClass().getClassLoader());
        return l.loadClass("REPL." + wrapper + "$" + nested);
    }

    @Test
    void aClassReadingACellVariableIsCaughtWithTheVariablesName() throws Exception {
        compile("$JShell$7", "public class $JShell$7 { public static double scale = 2; public static int unused; public static class X {} }", "X");
        Class<?> c = compile("$JShell$9", "public class $JShell$9 { public static class Mine {"
                + " double f() { Runnable r = new Runnable() { public void run() { System.out.println(REPL.$JShell$7.unused); } }; r.run();"
                + " return REPL.$JShell$7.scale * 3; } } }", "Mine");
        List<CellVariables.Read> reads = CellVariables.reads(c, dir.resolve("classes"));
        assertEquals(List.of(new CellVariables.Read("REPL.$JShell$7", "scale"), new CellVariables.Read("REPL.$JShell$7", "unused")),
                reads.stream().sorted(java.util.Comparator.comparing(CellVariables.Read::field)).toList());
        String line = CellVariables.explain(c, reads);
        assertTrue(line.contains("'scale'") && line.contains("'unused'") && line.startsWith("Mine reads the notebook variables"), line);
        assertTrue(!line.contains("\n"));
    }

    @Test
    void aClassUsingOnlyItsOwnFieldsAndConstantsPasses() throws Exception {
        compile("$JShell$7", "public class $JShell$7 { public static final int LIMIT = 5; public static class X {} }", "X");
        Class<?> c = compile("$JShell$12", "public class $JShell$12 { public static class Mine { final double scale;"
                + " Mine(double s) { scale = s; } double f() { return scale * REPL.$JShell$7.LIMIT + Math.PI; } } }", "Mine");
        assertEquals(List.of(), CellVariables.reads(c, dir.resolve("classes")));
    }
}
