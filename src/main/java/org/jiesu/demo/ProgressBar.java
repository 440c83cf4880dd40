package org.jiesu.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Progress on stderr: percentage, rate and time left. On a terminal one line is redrawn in place (carriage return);
 * otherwise, in a log or a pipe, a plain line every few seconds.
 */
final class ProgressBar implements LongConsumer {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final String what;
    private final long started = System.nanoTime();
    private final long plainEveryNanos;
    private long lastShown;

    ProgressBar(PrintStream out, boolean terminal, long total, String what, long plainEveryMillis) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.what = what;
        this.plainEveryNanos = plainEveryMillis * 1_000_000L;
    }

    @Override
    public void accept(long done) {
        long nowNanos = System.nanoTime();
        boolean finished = done >= total;
        if (!terminal && !finished && nowNanos - lastShown < plainEveryNanos) {
            return;
        }
        lastShown = nowNanos;
        String line = line(done, (nowNanos - started) / 1e9);
        if (terminal) {
            out.print("\r" + line + (finished ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    String line(long done, double seconds) {
        double share = total == 0 ? 1 : (double) done / total;
        double rate = seconds > 0 ? done / seconds : 0;
        long left = rate > 0 ? Math.round((total - done) / rate) : -1;
        int filled = (int) Math.round(share * WIDTH);
        String bar = terminal ? "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " : "";
        return String.format(
                Locale.ROOT,
                "%s%5.1f%%  %,d/%,d %s  %,.0f/s  %s",
                bar,
                share * 100,
                done,
                total,
                what,
                rate,
                done >= total ? String.format(Locale.ROOT, "in %.1f s", seconds) : "ETA " + clock(left));
    }

    private static String clock(long seconds) {
        if (seconds < 0) {
            return "--:--";
        }
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }
}
