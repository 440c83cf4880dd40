package org.jiesu.governance;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code java -jar jiesu.jar hot-issues --input FILE --top N}: clusters a hotline export without a server or a
 * database and prints the hottest clusters, each with its rank, heat, size, time span and a short title.
 */
public final class HotIssuesCommand {

    static final String USAGE = """
            Usage: java -jar jiesu.jar hot-issues --input FILE [options]
              --input FILE          CSV with 留言编号, 留言主题, 留言时间, 留言详情, 反对数, 点赞数 (留言用户 optional)
              --top N               how many clusters to print (default 10)
              --min-size N          only clusters of at least N messages (default 2)
              --min-similarity S    how alike two texts must be to join, 0 to 1 (default %s)
              --window-days D       how far apart in time two messages may be to join (default %d)
              --detail-chars N      how much of each 留言详情 to read after the title (default %d)
              --messages            list each printed cluster's messages under it
              --zone ZONE           time zone of 留言时间 (default Asia/Shanghai)
            """.formatted(
                    HotIssueRules.DEFAULTS.minSimilarity(),
                    HotIssueRules.DEFAULTS.window().toDays(),
                    HotIssueRules.DEFAULTS.detailChars());

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private HotIssuesCommand() {}

    /** Runs the command; returns the process exit code (0 done, 2 bad arguments or input). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path input = null;
        int top = 10;
        int minSize = 2;
        boolean listMessages = false;
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        HotIssueRules rules = HotIssueRules.DEFAULTS;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--input" -> input = Path.of(value(args, ++i, "--input"));
                    case "--top" -> top = positive(value(args, ++i, "--top"), "--top");
                    case "--min-size" -> minSize = positive(value(args, ++i, "--min-size"), "--min-size");
                    case "--min-similarity" ->
                        rules = rules.withMinSimilarity(
                                number(value(args, ++i, "--min-similarity"), "--min-similarity"));
                    case "--window-days" ->
                        rules = rules.withWindow(
                                Duration.ofDays(positive(value(args, ++i, "--window-days"), "--window-days")));
                    case "--detail-chars" ->
                        rules = rules.withDetailChars(positive(value(args, ++i, "--detail-chars"), "--detail-chars"));
                    case "--messages" -> listMessages = true;
                    case "--zone" -> zone = zone(value(args, ++i, "--zone"));
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (input == null) {
                throw new IllegalArgumentException("give --input FILE");
            }
            long start = System.nanoTime();
            List<HotMessage> messages = HotIssueFile.read(input, zone);
            List<HotMessage> ordered = messages.stream()
                    .sorted(Comparator.comparing(HotMessage::at).thenComparing(HotMessage::id))
                    .toList();
            HotIssueIndex index = new HotIssueIndex(rules);
            ordered.forEach(index::count);
            ordered.forEach(index::addCounted);
            Instant now = ordered.get(ordered.size() - 1).at();
            List<HotCluster> ranked = index.ranked(now, minSize);
            ZoneId z = zone;
            err.printf(
                    Locale.ROOT,
                    "%d messages from %s, %s to %s; %d clusters, %d of at least %d, in %.1f s%n",
                    messages.size(),
                    input,
                    DAY.format(ordered.get(0).at().atZone(z)),
                    DAY.format(now.atZone(z)),
                    index.clusterCount(),
                    ranked.size(),
                    minSize,
                    (System.nanoTime() - start) / 1e9);
            out.printf(
                    Locale.ROOT,
                    "%4s %6s %5s %7s %8s  %-10s  %-10s  %s%n",
                    "rank",
                    "heat",
                    "size",
                    "people",
                    "supports",
                    "from",
                    "to",
                    "title");
            for (int r = 0; r < Math.min(top, ranked.size()); r++) {
                HotCluster c = ranked.get(r);
                out.printf(
                        Locale.ROOT,
                        "%4d %6.1f %5d %7d %8d  %s  %s  %s%n",
                        r + 1,
                        c.heat(),
                        c.size(),
                        c.requesters(),
                        c.supports(),
                        DAY.format(c.first().atZone(z)),
                        DAY.format(c.last().atZone(z)),
                        c.title());
                if (listMessages) {
                    for (HotMessage m : c.messages()) {
                        out.printf(
                                Locale.ROOT,
                                "       %s  %s  %s%n",
                                m.id(),
                                DAY.format(m.at().atZone(z)),
                                m.title().isEmpty() ? ShortTitle.of(m) : m.title());
                    }
                }
            }
            return 0;
        } catch (HotIssueFile.Invalid e) {
            err.println("hot-issues: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("hot-issues: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String v, String option) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(option + " must be a whole number above 0, not " + v);
    }

    private static double number(String v, String option) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, not " + v);
        }
    }

    private static ZoneId zone(String v) {
        try {
            return ZoneId.of(v);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("--zone " + v + " is not a time zone");
        }
    }
}
