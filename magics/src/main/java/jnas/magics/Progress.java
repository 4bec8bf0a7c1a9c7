package jnas.magics;

import java.util.UUID;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** A live progress bar in the cell's output, updated in place (update_display_data) from any thread. */
final class Progress {
    private final BaseKernel kernel;
    private final String id = "jnas-progress-" + UUID.randomUUID();
    private final String title;
    private final long start = System.nanoTime();
    private long lastUpdate;

    Progress(BaseKernel kernel, String title) {
        this.kernel = kernel;
        this.title = title;
        DisplayData d = render(0, 1, "starting");
        d.setDisplayId(id);
        kernel.display(d);
    }

    /** Updates at most five times a second, and always at the end. */
    synchronized void update(int done, int total, String what) {
        long now = System.nanoTime();
        if (done < total && now - lastUpdate < 200_000_000L) return;
        lastUpdate = now;
        kernel.getIO().display.updateDisplay(id, render(done, total, what));
    }

    private DisplayData render(int done, int total, String what) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double fraction = total <= 0 ? 0 : Math.min(1, (double) done / total);
        String eta = done == 0 || done >= total ? "" : String.format(", ETA %s", clock(seconds / done * (total - done)));
        String text = String.format("%s: %d/%d (%.0f%%) %s, %s elapsed%s", title, done, total, 100 * fraction, what, clock(seconds), eta);
        String html = "<div style=\"font:12px sans-serif;margin:4px 0\"><div>" + jnas.magics.render.TableHtml.escape(text)
                + "</div><div style=\"background:#e5e7eb;width:420px;height:8px;border-radius:4px\">"
                + "<div style=\"background:#2563eb;height:8px;border-radius:4px;width:" + Math.round(420 * fraction) + "px\"></div></div></div>";
        DisplayData d = new DisplayData(text);
        d.putHTML(html);
        return d;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
