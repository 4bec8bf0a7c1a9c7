package jnas.spark;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the notebook variables a cell-defined class reads. JShell makes a cell's top-level variable a static
 * field of the cell's wrapper class ({@code REPL.$JShell$12}); an executor loads that class afresh, so the field
 * holds its default (0, null) there, not the value it has in the notebook, and an evaluator reading it would
 * compute garbage (a NaN loss) instead of failing. The check reads the class files the kernel wrote (the
 * class, and the anonymous and inner classes it names) and lists every field of a wrapper class they refer to.
 * Calls into other cells' methods are not followed.
 */
final class CellVariables {
    private static final Pattern WRAPPER = Pattern.compile("REPL/\\$JShell\\$\\d+[A-Z]*");

    private CellVariables() {}

    /** A cell variable read: the wrapper's binary name and the field. */
    record Read(String wrapper, String field) {}

    /** The cell variables {@code type} (a REPL class) reads, from the class files under {@code classes}; empty if it reads none. */
    static List<Read> reads(Class<?> type, Path classes) throws IOException {
        String root = type.getName().replace('.', '/');
        if (!Files.exists(classes.resolve(root + ".class"))) {
            throw new IOException("no class file " + root + ".class under " + classes + " (the kernel writes one for every cell's class)");
        }
        Set<Read> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) continue;
            Path file = classes.resolve(name + ".class");
            if (!Files.exists(file)) continue;
            try (InputStream in = Files.newInputStream(file)) {
                Pool p = Pool.read(in);
                for (int i = 1; i < p.count; i++) {
                    if (p.tag[i] == 9) { // Fieldref
                        String owner = p.className(p.a[i]);
                        if (WRAPPER.matcher(owner).matches()) out.add(new Read(owner.replace('/', '.'), p.utf(p.a[p.b[i]])));
                    } else if (p.tag[i] == 7) { // Class: follow the inner classes it names
                        String c = p.utf(p.a[i]);
                        if (c.startsWith(root + "$")) todo.push(c);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** One line naming the variables and what to do instead. */
    static String explain(Class<?> type, List<Read> reads) {
        StringBuilder names = new StringBuilder();
        for (Read r : reads) names.append(names.length() == 0 ? "" : ", ").append('\'').append(r.field()).append('\'');
        return type.getSimpleName() + " reads the notebook variable" + (reads.size() > 1 ? "s " : " ") + names
                + " (a top-level cell variable): on an executor it would hold its default (0 or null), not its value here; "
                + "give the value to the evaluator instead (a constructor argument stored in a field) or put it in the spec";
    }

    /** A class file's constant pool, enough to read field references and class names. */
    private static final class Pool {
        int count;
        int[] tag, a, b;
        String[] utf;

        static Pool read(InputStream raw) throws IOException {
            DataInputStream in = new DataInputStream(raw);
            if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
            in.readUnsignedShort();
            in.readUnsignedShort();
            Pool p = new Pool();
            p.count = in.readUnsignedShort();
            p.tag = new int[p.count];
            p.a = new int[p.count];
            p.b = new int[p.count];
            p.utf = new String[p.count];
            for (int i = 1; i < p.count; i++) {
                int t = in.readUnsignedByte();
                p.tag[i] = t;
                switch (t) {
                    case 1 -> p.utf[i] = in.readUTF();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> p.a[i] = in.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> {
                        p.a[i] = in.readUnsignedShort();
                        p.b[i] = in.readUnsignedShort();
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        p.a[i] = in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + t + " at entry " + i);
                }
            }
            return p;
        }

        String utf(int index) {
            return utf[index];
        }

        /** The internal name of the Class entry at {@code index}. */
        String className(int index) {
            return utf[a[index]];
        }
    }
}
