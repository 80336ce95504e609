package org.seedplan.cli.planning;

import java.io.PrintStream;
import java.util.Locale;
import org.seedplan.planning.ProgressListener;

/** A one-line progress bar on stderr ("[#####.....]  50 % stage"), redrawn in place; silent when off. */
public final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean on;

    public ProgressBar(PrintStream err, boolean on) {
        this.err = err;
        this.on = on;
    }

    @Override
    public void progress(String stage, double fraction) {
        if (!on) {
            return;
        }
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
        err.print(String.format(Locale.ROOT, "\r[%s%s] %3d %% %-28s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), stage));
        if (fraction >= 1) {
            err.println();
        }
        err.flush();
    }
}
