package jnas.kernel;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.JupyterIOAccess;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import jnas.kernel.exec.CellException;
import jnas.kernel.exec.JavaEvaluator;

/**
 * The "Java (NAS)" kernel: JShell in this JVM on jjava-jupyter's BaseKernel. Notebook code, magics and
 * libraries share one class loader; extensions on the classpath are installed at start.
 */
public class NasKernel extends BaseKernel {
    public static final String NAME = "jnas";

    private final JavaEvaluator evaluator;
    private final InMemoryHistory history;
    private final List<String> startupImports;
    private boolean importsDone;

    public NasKernel(String version, JavaEvaluator evaluator, InMemoryHistory history, List<String> startupImports) {
        super(NAME, version, languageInfo(), helpLinks(), history,
                new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler()), new CompletingMagicsRegistry(),
                true, errorStyler());
        this.evaluator = evaluator;
        this.history = history;
        this.startupImports = List.copyOf(startupImports);
    }

    static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java")
                .fileExtension(".java")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    static List<HelpLink> helpLinks() {
        return List.of(new HelpLink("Java language", "https://docs.oracle.com/en/java/javase/17/"));
    }

    static StringStyler errorStyler() {
        return new StringStyler.Builder()
                .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                .addSecondaryStyle(TextColor.BOLD_RED_FG)
                .addHighlightStyle(TextColor.BOLD_RESET_FG)
                .addHighlightStyle(TextColor.RED_BG)
                .build();
    }

    public JavaEvaluator evaluator() {
        return evaluator;
    }

    /** Adds jars or folders (separated by the path separator, globs allowed) and installs their extensions. */
    public void addToClasspath(String classpath) {
        if (classpath == null || classpath.isBlank()) {
            return;
        }
        String resolved = Classpaths.expand(classpath);
        if (resolved.isEmpty()) {
            return;
        }
        evaluator.addToClasspath(resolved);
        installExtensions(evaluator.classLoader());
    }

    @Override
    protected ClassLoader getClassLoader() {
        return evaluator.classLoader();
    }

    @Override
    public Object evalRaw(String source) {
        importStartupOnce();
        Object value = evaluator.eval(magicParser.resolveMagics(source));
        return value == JavaEvaluator.NO_VALUE ? null : value;
    }

    private void importStartupOnce() {
        if (!importsDone) {
            importsDone = true;
            evaluator.eval(String.join("\n", startupImports));
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<String> docs = evaluator.documentation(code, at);
        if (docs.isEmpty()) {
            return null;
        }
        return new DisplayData(String.join("\n\n", docs));
    }

    private static final Pattern MAGIC_NAME = Pattern.compile("^(%{1,2})([\\w-]*)$");
    /** {@code %name args} up to the cursor, on a line of its own; not {@code %%name}. */
    private static final Pattern LINE_MAGIC_ARGS = Pattern.compile("^\\s*%([\\w-]+)[ \\t]+(.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%");

    /**
     * Magic names after {@code %} or {@code %%} at the start of a line; a line magic's arguments from the
     * magic itself (see {@link CompletingMagicsRegistry} for the contract); otherwise Java, with the cell's
     * line magics blanked out so that the Java around them reads as one piece. A cell magic's body is not
     * Java and gets nothing.
     */
    @Override
    public ReplacementOptions complete(String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        String line = code.substring(lineStart, at);
        Matcher m = MAGIC_NAME.matcher(line);
        if (m.find()) {
            boolean cell = m.group(1).length() == 2;
            List<String> names = new ArrayList<>(cell ? magicsRegistry.getCellMagicNames() : magicsRegistry.getLineMagicNames());
            Collections.sort(names);
            List<String> matches = names.stream().filter(n -> n.startsWith(m.group(2))).map(n -> m.group(1) + n).toList();
            return new ReplacementOptions(matches, lineStart, at);
        }
        Matcher args = LINE_MAGIC_ARGS.matcher(line);
        if (args.find()) {
            String before = args.group(2);
            int partial = before.length();
            while (partial > 0 && !Character.isWhitespace(before.charAt(partial - 1))) partial--;
            List<String> matches = magicsRegistry instanceof CompletingMagicsRegistry r
                    ? r.completeArguments(args.group(1), before) : List.of();
            return new ReplacementOptions(matches, at - (before.length() - partial), at);
        }
        if (CELL_MAGIC.matcher(code).lookingAt()) {
            return new ReplacementOptions(List.of(), at, at);
        }
        JavaEvaluator.Completion c = evaluator.complete(blankLineMagics(code, lineStart), at);
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    /** The cell with every line that starts with {@code %} blanked, but the cursor's line; offsets are kept. */
    static String blankLineMagics(String code, int cursorLineStart) {
        StringBuilder out = new StringBuilder(code);
        int start = 0;
        while (start <= code.length()) {
            int end = code.indexOf('\n', start);
            if (end < 0) end = code.length();
            String line = code.substring(start, end);
            if (start != cursorLineStart && line.stripLeading().startsWith("%")) {
                for (int i = start; i < end; i++) out.setCharAt(i, ' ');
            }
            start = end + 1;
        }
        return out.toString();
    }

    @Override
    public String isComplete(String code) {
        String resolved;
        try {
            resolved = magicParser.resolveMagics(code);
        } catch (RuntimeException e) {
            return IS_COMPLETE_BAD;
        }
        String answer = evaluator.isComplete(resolved);
        switch (answer) {
            case "complete":
                return IS_COMPLETE_YES;
            case "invalid":
                return IS_COMPLETE_BAD;
            default:
                return answer; // the indent of the next line
        }
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        evaluator.close();
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellException) {
            return ((CellException) e).traceback();
        }
        return super.formatError(e);
    }

    /** Like BaseKernel's, with error names users recognise, history, and no publishing after the reply. */
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = request.shouldStoreHistory() ? executionCount.getAndIncrement() : executionCount.get();

        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));

        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        System.setOut(io.out);
        System.setErr(io.err);
        System.setIn(io.in);
        JupyterIOAccess.attach(io, env, request.isStdinEnabled());
        String shown = null;
        Exception failure = null;
        DisplayData out = null;
        try {
            out = eval(request.getCode());
        } catch (Exception e) {
            failure = e;
        } catch (StackOverflowError | OutOfMemoryError e) {
            failure = new CellException(e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    List.of(e.toString()));
        } finally {
            io.out.flush();
            io.err.flush();
            JupyterIOAccess.detach(io, env);
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }

        if (failure == null) {
            if (out != null) {
                env.publish(new PublishExecuteResult(count, out));
                Object text = out.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
                shown = text == null ? null : text.toString();
            }
            env.reply(new ExecuteReply(count, Collections.emptyMap()));
        } else {
            String name = failure instanceof CellException ? ((CellException) failure).name()
                    : failure.getClass().getSimpleName();
            String value = failure.getMessage() == null ? "" : failure.getMessage();
            List<String> traceback = formatError(failure);
            env.publish(new PublishError(name, value, traceback));
            ErrorReply reply = new ErrorReply(name, value, traceback);
            reply.setExecutionCount(count);
            env.replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
        if (request.shouldStoreHistory() && !request.isSilent()) {
            history.record(count, request.getCode(), shown);
        }
    }

    /** history_reply with {@code "status": "ok"}, which the messaging spec requires and jjava-jupyter omits. */
    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        if (!request.useRaw()) flags.add(HistoryManager.ResultFlag.TRANSFORMED_INPUT);
        List<HistoryEntry> entries;
        switch (request.getAccessType()) {
            case TAIL:
                entries = history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
                break;
            case RANGE:
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                entries = history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
                break;
            default:
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) flags.add(HistoryManager.ResultFlag.UNIQUE);
                entries = history.search(search.getPattern(), search.getMaxReturnLength(), flags);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Message reply = new Message(env.getContext(), (MessageType) MessageType.HISTORY_REPLY, new HistoryContent(entries));
        env.reply(reply);
    }

    /**
     * The history_reply content as the spec has it: entries are (session, line, input) or
     * (session, line, (input, output)) tuples. jjava-jupyter's own reply serialises entries as objects
     * and has no status.
     */
    static final class HistoryContent {
        @SuppressWarnings("unused")
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history;

        HistoryContent(List<HistoryEntry> entries) {
            this.history = entries.stream()
                    .map(e -> List.<Object>of(e.getSession(), e.getCellNumber(),
                            e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput()))
                    .toList();
        }
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new StatusKernelInfoReply(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(),
                getHelpLinks()));
    }

    /** kernel_info_reply must carry {@code "status": "ok"} (messaging spec 5.x); jjava-jupyter's omits it. */
    static final class StatusKernelInfoReply extends KernelInfoReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        StatusKernelInfoReply(String protocol, String name, String version, LanguageInfo info, String banner,
                              List<HelpLink> links) {
            super(protocol, name, version, info, banner, links);
        }
    }
}
