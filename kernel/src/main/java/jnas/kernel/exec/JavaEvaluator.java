package jnas.kernel.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
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

    /** Completion candidates for the snippet around the cursor: [start, end) to replace and the texts. */
    public Completion complete(String code, int cursor) {
        // JShell completes one snippet: find where the snippet that holds the cursor starts
        int snippetStart = 0;
        String remaining = code;
        CompletionInfo info = analysis.analyzeCompletion(remaining);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            int next = code.length() - info.remaining().length();
            if (next > cursor) break;
            snippetStart = next;
            remaining = info.remaining();
            info = analysis.analyzeCompletion(remaining);
        }
        String snippet = code.substring(snippetStart, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(snippet, snippet.length(), anchor);
        List<String> texts = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new Completion(snippetStart + anchor[0], cursor, texts);
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
