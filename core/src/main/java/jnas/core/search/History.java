package jnas.core.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jnas.core.store.Trial;

/**
 * Every committed trial of a search, in commit order, held in memory by the driver: read once when the
 * search opens and appended after each commit, so an algorithm's look-ups cost nothing per evaluation and
 * never re-read the store.
 */
public final class History {
    private final List<Trial> trials = new ArrayList<>();
    private final Map<String, Trial> byId = new HashMap<>();

    History(List<Trial> initial) {
        initial.forEach(this::add);
    }

    void add(Trial t) {
        trials.add(t);
        byId.put(t.archId(), t);
    }

    /** All trials, oldest first (a read-only view). */
    public List<Trial> trials() {
        return Collections.unmodifiableList(trials);
    }

    public int size() {
        return trials.size();
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** The trial with this id, or null. */
    public Trial get(String id) {
        return byId.get(id);
    }

    /** The trials of one step, in order; they are the last ones, so this looks only at the tail. */
    public List<Trial> ofStep(int step) {
        int i = trials.size();
        while (i > 0 && trials.get(i - 1).step() >= step) i--;
        List<Trial> out = new ArrayList<>();
        for (int k = i; k < trials.size(); k++) if (trials.get(k).step() == step) out.add(trials.get(k));
        return out;
    }
}
