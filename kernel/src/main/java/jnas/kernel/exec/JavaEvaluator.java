package jnas.kernel.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates the Java source of a cell with JShell, snippet by snippet, in this JVM. Declarations persist
 * between cells. The value of the last expression is returned as an object; failures become
 * {@link CellException}s that say where and what.
 */
public final class JavaEvaluator implements AutoCloseable {
    /** Returned when the cell has no value to show (a declaration, a statement, a void call). */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private final CellExecutionProvider provider;
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private volatile boolean interruptRequested;

    public JavaEvaluator(ClassLoader parent, List<String> compilerOptions) {
        this.provider = new CellExecutionProvider(parent);
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions(compilerOptions.toArray(new String[0]))
                .build();
        this.analysis = shell.sourceCodeAnalysis();
        // compile against the kernel's own classpath (its classes are loaded by the parent loader)
        String cp = System.getProperty("java.class.path", "");
        if (!cp.isBlank()) {
            shell.addToClasspath(cp);
        }
    }

    public JShell jshell() {
        return shell;
    }

    public NotebookClassLoader classLoader() {
        return provider.control().loader();
    }

    /** Adds jars or folders to what notebook code compiles against and loads from. */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /** Stops the running cell, if any. Safe to call from another thread. */
    public void interrupt() {
        interruptRequested = true;
        shell.stop();
    }

    /**
     * Runs every snippet of the cell in order and returns the value of the last one, or {@link #NO_VALUE}.
     *
     * @throws CellException for compile errors (with line and column in the cell), exceptions thrown by
     *                       the cell, an interrupt, or incomplete input
     */
    public Object eval(String cell) {
        interruptRequested = false;
        Object last = NO_VALUE;
        String remaining = cell;
        CompletionInfo info = analysis.analyzeCompletion(remaining);
        int searchFrom = 0;
        while (info.completeness().isComplete()) {
            int start = locate(cell, info.source(), searchFrom);
            searchFrom = start + leadingBlank(info.source()) + 1;
            last = evalSnippet(cell, start, info.source());
            remaining = info.remaining();
            info = analysis.analyzeCompletion(remaining);
        }
        if (info.completeness() != Completeness.EMPTY) {
            int start = cell.length() - remaining.length() + leadingBlank(remaining);
            throw new CellException("IncompleteInput",
                    "incomplete input at " + position(cell, start) + ": " + firstLine(remaining.strip()),
                    List.of("Incomplete input at " + position(cell, start) + " (a missing ';', '}' or ')'?):",
                            remaining.strip()));
        }
        return last;
    }

    private Object evalSnippet(String cell, int start, String source) {
        CellExecutionControl control = provider.control();
        List<SnippetEvent> events = shell.eval(source);
        Object value = NO_VALUE;
        CellException failure = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet updated as a consequence; not this cell's value
            }
            Snippet snippet = event.snippet();
            Object taken = snippet.subKind().isExecutable() ? control.takeResult(event.value()) : null;
            if (interruptRequested) {
                failure = new CellException("Interrupted", "the cell was interrupted",
                        List.of("Interrupted: the cell was stopped at the user's request; declarations so far are kept."));
                continue;
            }
            if (event.exception() != null) {
                failure = runtimeFailure(event.exception());
                continue;
            }
            if (!event.status().isDefined()) {
                failure = compileFailure(cell, start, snippet);
                continue;
            }
            value = shownValue(snippet, taken);
        }
        if (failure == null && interruptRequested) {
            failure = new CellException("Interrupted", "the cell was interrupted",
                    List.of("Interrupted: the cell was stopped at the user's request; declarations so far are kept."));
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    private static Object shownValue(Snippet snippet, Object taken) {
        switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND:
            case VAR_VALUE_SUBKIND:
            case OTHER_EXPRESSION_SUBKIND: {
                String type = snippet instanceof ExpressionSnippet ? ((ExpressionSnippet) snippet).typeName()
                        : snippet instanceof VarSnippet ? ((VarSnippet) snippet).typeName() : "";
                if ("void".equals(type) || taken == null) {
                    return NO_VALUE;
                }
                return taken == CellExecutionControl.NULL ? null : taken;
            }
            default:
                return NO_VALUE;
        }
    }

    private CellException compileFailure(String cell, int start, Snippet snippet) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
        List<String> lines = new ArrayList<>();
        String summary = null;
        for (Diag d : diags) {
            String message = d.getMessage(null).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("location:"))
                    .reduce((a, b) -> a + "; " + b).orElse("")
                    .replaceAll("\\s+", " ");
            int at = d.getStartPosition() >= 0 ? start + (int) d.getStartPosition() : start;
            String where = position(cell, Math.min(at, cell.length()));
            if (summary == null) {
                summary = where + ": " + message;
            }
            lines.add("Compile error at " + where + ": " + message);
            lines.addAll(caretLines(cell, Math.min(at, cell.length()),
                    d.getEndPosition() >= 0 ? start + (int) d.getEndPosition() : at + 1));
        }
        if (snippet instanceof jdk.jshell.DeclarationSnippet) {
            List<String> missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).toList();
            if (!missing.isEmpty()) {
                String m = "unresolved: " + String.join(", ", missing);
                lines.add(m);
                if (summary == null) {
                    summary = position(cell, start) + ": " + m;
                }
            }
        }
        if (summary == null) {
            summary = position(cell, start) + ": the snippet was rejected (" + snippet.kind() + ")";
            lines.add(summary);
        }
        return new CellException("CompilationError", summary, lines);
    }

    private CellException runtimeFailure(JShellException e) {
        if (e instanceof UnresolvedReferenceException) {
            UnresolvedReferenceException u = (UnresolvedReferenceException) e;
            String m = "'" + u.getSnippet().source().strip() + "' uses something not yet defined: "
                    + String.join(", ", shell.unresolvedDependencies(u.getSnippet()).toList());
            return new CellException("UnresolvedReference", m, List.of(m));
        }
        // Find the deepest user-facing message: an exception without a stack trace is meant to be read
        // as one line (the magics' usage errors are built that way).
        for (Throwable t = e; t != null; t = t.getCause()) {
            boolean unknownMagic = t instanceof EvalException
                    && ((EvalException) t).getExceptionClassName().endsWith(".UndefinedMagicException");
            if (t instanceof EvalException && (t.getStackTrace().length == 0 || unknownMagic)) {
                String m = t.getMessage() == null ? "" : t.getMessage();
                return new CellException(simpleName(((EvalException) t).getExceptionClassName()), m, List.of(m));
            }
        }
        EvalException ee = (EvalException) e;
        List<String> lines = new ArrayList<>();
        boolean first = true;
        for (Throwable t = ee; t != null; t = t.getCause()) {
            String cls = t instanceof EvalException ? ((EvalException) t).getExceptionClassName() : t.getClass().getName();
            lines.add((first ? "" : "Caused by: ") + cls + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            for (StackTraceElement el : t.getStackTrace()) {
                if (isInternalFrame(el)) continue;
                lines.add("    at " + describe(el));
            }
            first = false;
        }
        String message = ee.getMessage() == null ? "" : ee.getMessage();
        return new CellException(simpleName(ee.getExceptionClassName()), message, lines);
    }

    private static boolean isInternalFrame(StackTraceElement el) {
        String c = el.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("jnas.kernel.exec.") || c.startsWith("jdk.jshell.");
    }

    private static String describe(StackTraceElement el) {
        String c = el.getClassName();
        if (c.isEmpty() && el.getFileName() != null && el.getFileName().startsWith("#")) {
            // JShell names a snippet's own frames by snippet id: "#12"
            return "cell (snippet " + el.getFileName() + ", line " + el.getLineNumber() + ")";
        }
        if (c.startsWith("REPL.$JShell$")) {
            // snippet classes: "REPL.$JShell$12$Foo" -> "Foo", the snippet wrapper itself -> "cell"
            String rest = c.substring("REPL.$JShell$".length());
            int dollar = rest.indexOf('$');
            String owner = dollar < 0 ? "cell" : rest.substring(dollar + 1);
            return owner + "." + el.getMethodName().replace("do_it$", "<cell>") + "(snippet " + el.getLineNumber() + ")";
        }
        return el.toString();
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    /** "line L, column C" of a 0-based offset into the cell. */
    static String position(String cell, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset && i < cell.length(); i++) {
            if (cell.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + ", column " + col;
    }

    private static List<String> caretLines(String cell, int from, int to) {
        int lineStart = cell.lastIndexOf('\n', Math.max(0, from - 1)) + 1;
        if (from == 0) lineStart = 0;
        int lineEnd = cell.indexOf('\n', from);
        if (lineEnd < 0) lineEnd = cell.length();
        String line = cell.substring(lineStart, lineEnd);
        int width = Math.max(1, Math.min(to, lineEnd) - from);
        return List.of("    " + line, "    " + " ".repeat(Math.max(0, from - lineStart)) + "^".repeat(width));
    }

    /** Where a snippet's source begins in the cell (JShell hands back the source, not its offset). */
    private static int locate(String cell, String source, int from) {
        String head = source.strip();
        head = head.substring(0, Math.min(head.length(), 40));
        int at = cell.indexOf(head, from);
        // diagnostics count from the start of the source as given, leading blanks included
        return at >= 0 ? Math.max(0, at - leadingBlank(source)) : Math.min(from, cell.length());
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    /**
     * Whether the code can run as is: "complete", "invalid", or the indent to continue with (incomplete).
     */
    public String isComplete(String code) {
        CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        switch (info.completeness()) {
            case COMPLETE:
            case COMPLETE_WITH_SEMI:
            case EMPTY:
                return "complete";
            case DEFINITELY_INCOMPLETE:
            case CONSIDERED_INCOMPLETE:
                return indentFor(code);
            default:
                return "invalid";
        }
    }

    private static String indentFor(String code) {
        String last = code.substring(code.lastIndexOf('\n') + 1);
        String indent = last.substring(0, leadingBlank(last));
        String trimmed = last.strip();
        if (trimmed.endsWith("{") || trimmed.endsWith("(")) {
            indent += "    ";
        }
        return indent;
    }

    /**
     * Completion candidates at the cursor: [start, end) of the cell to replace and the texts.
     * <p>
     * JShell completes one snippet against what has been evaluated, so the snippet that holds the cursor
     * is completed twice: once alone (names from earlier cells, imports, members), and once inside a block
     * that first declares this cell's earlier variables and types as locals, so that
     * {@code String s = "abc"; s.subs} offers {@code substring(} before the cell runs. The block's
     * candidates come first, then the others; both answers replace the same range of the cell. JShell
     * offers no local variables for a bare identifier, so the names of the cell's earlier variables (and
     * methods, as {@code name(}) are added there. Earlier imports of the same cell stay unknown until the
     * cell runs, as do the members of what earlier methods return. Nothing is evaluated.
     */
    public Completion complete(String code, int cursor) {
        // find where the snippet that holds the cursor starts, and the snippets of the cell before it
        int snippetStart = 0;
        List<String> earlier = new ArrayList<>();
        String remaining = code;
        CompletionInfo info = analysis.analyzeCompletion(remaining);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            int next = code.length() - info.remaining().length();
            if (next > cursor) break;
            earlier.add(info.source());
            snippetStart = next;
            remaining = info.remaining();
            info = analysis.analyzeCompletion(remaining);
        }
        String snippet = code.substring(snippetStart, cursor);
        Suggestions alone = suggest(snippet, 0);
        SameCell same = sameCell(earlier);
        if (same.block().isEmpty() && same.names().isEmpty()) {
            return new Completion(snippetStart + alone.anchor(), cursor, alone.texts());
        }
        int anchor = alone.anchor();
        List<String> texts = new ArrayList<>(alone.texts());
        if (!same.block().isEmpty()) {
            String head = "{\n" + same.block();
            Suggestions inBlock = suggest(head + blankModifiers(snippet), head.length());
            boolean usable = !inBlock.texts().isEmpty() && inBlock.anchor() >= 0
                    && (alone.texts().isEmpty() || inBlock.anchor() == alone.anchor());
            if (usable) {
                anchor = inBlock.anchor();
                texts.clear();
                texts.addAll(inBlock.texts());
                for (String t : alone.texts()) {
                    if (!texts.contains(t)) texts.add(t);
                }
            }
        }
        if (anchor >= 0 && anchor <= snippet.length() && isBareIdentifier(snippet, anchor)) {
            String typed = snippet.substring(anchor);
            List<String> known = List.copyOf(texts);
            List<String> names = same.names().stream()
                    .filter(n -> n.startsWith(typed) && !known.contains(n))
                    .distinct()
                    .toList();
            texts.addAll(0, names);
        }
        return new Completion(snippetStart + anchor, cursor, texts);
    }

    /** JShell's suggestions at the end of {@code source}; the anchor counts from {@code offset} into it. */
    private Suggestions suggest(String source, int offset) {
        int[] anchor = new int[1];
        List<String> texts = analysis.completionSuggestions(source, source.length(), anchor).stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new Suggestions(anchor[0] - offset, texts);
    }

    private record Suggestions(int anchor, List<String> texts) {}

    /**
     * What the earlier snippets of a cell declare: {@code block}, their variable and type declarations one
     * per line, written so that they can open a block (top-level modifiers a local may not have are
     * blanked); {@code names}, their variables' names and their methods' as {@code name(}.
     */
    private record SameCell(String block, List<String> names) {}

    /** Imports, statements and expressions declare nothing a block could hold. Nothing is evaluated. */
    private SameCell sameCell(List<String> snippets) {
        StringBuilder block = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (String source : snippets) {
            Declared d = declared(source);
            names.addAll(d.names());
            if (d.local()) {
                block.append(blankModifiers(source)).append('\n');
            }
        }
        return new SameCell(block.toString(), names);
    }

    /** What one snippet declares: names (methods as {@code name(}), and whether it may stand in a block. */
    private record Declared(List<String> names, boolean local) {
        static final Declared NOTHING = new Declared(List.of(), false);
    }

    /** Snippets that cannot be declarations, told apart without asking JShell (which attributes expressions). */
    private static final Pattern NOT_A_DECLARATION = Pattern.compile(
            "(?s)\\s*(?:(?:import|if|for|while|do|switch|try|throw|return|break|continue|synchronized|assert|new)\\b"
                    + "|[{;]|[\\w.]+\\s*\\(|[\\w.\\[\\]]+\\s*(?:=[^=]|\\+\\+|--|[-+*/%&|^]=)).*");

    /** A snippet's kind and names depend on its text alone, so they are kept while the user types on. */
    private final Map<String, Declared> declaredCache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Declared> eldest) {
                    return size() > 512;
                }
            });

    private Declared declared(String source) {
        if (NOT_A_DECLARATION.matcher(source).matches()) {
            return Declared.NOTHING;
        }
        Declared known = declaredCache.get(source);
        if (known != null) {
            return known;
        }
        List<Snippet> parsed;
        try {
            parsed = analysis.sourceToSnippets(source);
        } catch (RuntimeException e) {
            parsed = List.of();
        }
        List<String> names = new ArrayList<>();
        boolean local = !parsed.isEmpty();
        for (Snippet sn : parsed) {
            if (sn instanceof VarSnippet v) {
                names.add(v.name());
            } else if (sn instanceof MethodSnippet m) {
                names.add(m.name() + "(");
                local = false;
            } else if (sn.kind() != Snippet.Kind.TYPE_DECL) {
                local = false;
            }
        }
        Declared d = new Declared(List.copyOf(names), local);
        declaredCache.put(source, d);
        return d;
    }

    /**
     * Whether {@code source[at..]} is an identifier being typed where a variable or a call may stand:
     * not a member ({@code x.na}), a method reference, an annotation, a class after {@code new}, an
     * import, or inside a comment or a literal.
     */
    static boolean isBareIdentifier(String source, int at) {
        for (int i = at; i < source.length(); i++) {
            if (!Character.isJavaIdentifierPart(source.charAt(i))) return false;
        }
        String before = source.substring(0, at).stripTrailing();
        if (before.endsWith(".") || before.endsWith("@") || before.endsWith("::")
                || before.matches("(?s).*\\bnew") || before.stripLeading().startsWith("import")) {
            return false;
        }
        return inCode(source.substring(0, at));
    }

    /** Whether the end of {@code text} is code: outside comments, strings, text blocks and char literals. */
    static boolean inCode(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                int nl = text.indexOf('\n', i);
                if (nl < 0) return false;
                i = nl + 1;
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) return false;
                i = close + 2;
            } else if (text.startsWith("\"\"\"", i)) {
                int close = text.indexOf("\"\"\"", i + 3);
                if (close < 0) return false;
                i = close + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= n) return false;
                i = j + 1;
            } else {
                i++;
            }
        }
        return true;
    }

    private static final Pattern TOP_LEVEL_MODIFIERS = Pattern.compile(
            "^(\\s*)((?:(?:public|protected|private|static|sealed|non-sealed|transient|volatile)\\s+)+)");

    /** {@code public static int x = 1;} as {@code               int x = 1;}: legal in a block, same offsets. */
    static String blankModifiers(String source) {
        Matcher m = TOP_LEVEL_MODIFIERS.matcher(source);
        if (!m.find()) return source;
        return m.group(1) + " ".repeat(m.group(2).length()) + source.substring(m.end());
    }

    /** Documentation (signature and javadoc) of what is at the cursor, or an empty list. */
    public List<String> documentation(String code, int cursor) {
        // JShell documents a method only when the call's '(' follows the name: "Math.max|" -> "Math.max(|"
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        String probe = code.substring(0, end);
        int at = end;
        if (!probe.endsWith("(")) {
            List<SourceCodeAnalysis.Documentation> asCall = analysis.documentation(probe + "(", at + 1, true);
            if (!asCall.isEmpty()) {
                return asCall.stream()
                        .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n" + d.javadoc())
                        .toList();
            }
        }
        return analysis.documentation(probe, at, true).stream()
                .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n" + d.javadoc())
                .toList();
    }

    @Override
    public void close() {
        shell.close();
    }

    /** A completion answer: replace cell[start, end) with one of the matches. */
    public record Completion(int start, int end, List<String> matches) {}
}
