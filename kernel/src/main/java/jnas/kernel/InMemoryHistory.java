package jnas.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/** This session's cells (input and text output), for Jupyter's history requests: tail, range and search. */
public final class InMemoryHistory implements HistoryManager {
    private static final int SESSION = 1;

    private record Cell(int number, String input, String output) {}

    private final List<Cell> cells = new ArrayList<>();

    public synchronized void record(int number, String input, String output) {
        cells.add(new Cell(number, input, output));
    }

    private static HistoryEntry entry(Cell c, Set<ResultFlag> flags) {
        return flags.contains(ResultFlag.INCLUDE_OUTPUT)
                ? new HistoryEntry(SESSION, c.number, c.input, c.output == null ? "" : c.output)
                : new HistoryEntry(SESSION, c.number, c.input, null);
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, cells.size() - Math.max(0, length));
        return cells.subList(from, cells.size()).stream().map(c -> entry(c, flags)).toList();
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        return cells.stream().filter(c -> c.number >= start && c.number < stop).map(c -> entry(c, flags)).toList();
    }

    @Override
    public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern p = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        List<Cell> hits = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = cells.size() - 1; i >= 0; i--) {
            Cell c = cells.get(i);
            if (!p.matcher(c.input).matches()) continue;
            if (flags.contains(ResultFlag.UNIQUE) && !seen.add(c.input)) continue;
            hits.add(0, c);
            if (length > 0 && hits.size() >= length) break;
        }
        return hits.stream().map(c -> entry(c, flags)).toList();
    }

    /** IPython's history search takes a glob: '*' any run, '?' one character. */
    static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*') sb.append(".*");
            else if (ch == '?') sb.append('.');
            else sb.append(Pattern.quote(String.valueOf(ch)));
        }
        return sb.toString();
    }
}
