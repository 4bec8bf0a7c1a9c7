package jnas.core.util;

import java.util.ArrayList;
import java.util.List;

/** A line diff by longest common subsequence, as programs' mutations show it. */
public final class LineDiff {
    private LineDiff() {}

    /**
     * {@code b}'s lines, with {@code a}'s lines that {@code b} no longer has marked {@code "- "}, {@code b}'s new
     * lines marked {@code "+ "} and common lines indented by two spaces; deletions come before insertions at
     * the same place.
     */
    public static List<String> diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add("  " + b.get(j));
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("- " + a.get(i++));
            } else {
                out.add("+ " + b.get(j++));
            }
        }
        return out;
    }
}
