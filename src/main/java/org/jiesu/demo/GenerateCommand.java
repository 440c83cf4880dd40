package org.jiesu.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar jiesu.jar generate --orders N}: fills the configured database (the one the platform would use)
 * with a realistic history for benchmarks: see docs/data-generator.md. The options are checked, and the texts read,
 * before anything starts; then the platform starts with the demo prefecture (its server on a free loopback port), the
 * rows are written and the platform stops.
 */
public final class GenerateCommand {

    static final String USAGE = """
            Usage: java -jar jiesu.jar generate --orders N [options]
              --orders N        work orders to write, 1 to 50,000,000 (each request has one; a few get a second
                                after a return or an escalation)
              --days D          spread them over the last D days (default 365, at most 3650)
              --seed S          random seed: the same seed on the same database writes the same data (default 1)
              --messages FILE   labelled texts, RFC 4180 CSV with 留言主题, 留言详情, 一级标签
                                (default ../shared/data/gov-messages/train.csv); hot-issues.csv and replies.csv
                                beside it are read too when present
              --batch N         orders per transaction (default 20,000)
              --checked         keep the foreign-key checks while copying (slower; by default a superuser's
                                session skips them, as a restore does)
            The database is the platform's: JIESU_DB_URL, JIESU_DB_USER, JIESU_DB_PASSWORD, or the embedded one under
            JIESU_DATA_DIR. Stop the platform while generating.
            """;

    private GenerateCommand() {}

    /**
     * Runs the command; returns the process exit code (0 done, 2 bad arguments or input, 1 failed while writing).
     * {@code application} is the platform's main class.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Class<?> application) {
        GeneratorOptions options;
        GeneratorTexts texts;
        try {
            options = parse(args);
            if (options == null) {
                out.print(USAGE);
                return 0;
            }
            texts = GeneratorTexts.read(options.messages());
        } catch (IllegalArgumentException e) {
            err.println("generate: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (GeneratorTexts.Invalid e) {
            err.println("generate: " + e.getMessage());
            return 2;
        }
        SpringApplication app = new SpringApplication(application);
        // The security configuration needs a servlet context, so the server starts, on a free loopback port nobody
        // is told about: nothing comes in while the rows go in.
        app.setAdditionalProfiles("demo");
        app.setDefaultProperties(Map.of(
                "spring.main.banner-mode", "off",
                "server.port", "0",
                "server.address", "127.0.0.1"));
        err.printf(
                Locale.ROOT,
                "generate: %,d orders over %d days from %,d texts; starting the platform%n",
                options.orders(),
                options.days(),
                texts.messages().size());
        // No classifier training beside the generator: the platform's next start does that.
        try (ConfigurableApplicationContext context =
                app.run("--jiesu.classifier.seed-file=", "--jiesu.classifier.retrain-every=0")) {
            DataGenerator generator = context.getBean(DataGenerator.class);
            ProgressBar bar = new ProgressBar(err, System.console() != null, options.orders(), "orders", 5000);
            DataGenerator.Summary summary = generator.generate(options, texts, bar);
            printSummary(summary, out);
            return 0;
        } catch (RuntimeException e) {
            err.println("generate: failed: " + e.getMessage());
            return 1;
        }
    }

    static void printSummary(DataGenerator.Summary summary, PrintStream out) {
        double seconds = summary.took().toNanos() / 1e9;
        long rows = summary.rows().values().stream().mapToLong(Long::longValue).sum();
        out.printf(
                Locale.ROOT,
                "Generated %,d orders for %,d requests in %.1f s: %,.0f orders/s, %,d rows (%,.0f rows/s)%n",
                summary.orders(),
                summary.requests(),
                seconds,
                summary.orders() / seconds,
                rows,
                rows / seconds);
        summary.rows().forEach((table, n) -> out.printf(Locale.ROOT, "  %-22s %,12d%n", table, n));
    }

    /** The options, or null when help was asked for; a bad option throws with a message that names it. */
    static GeneratorOptions parse(String[] args) {
        Long orders = null;
        int days = 365;
        long seed = 1;
        Path messages = GeneratorOptions.DEFAULT_MESSAGES;
        int batch = 20_000;
        boolean checked = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--orders" ->
                    orders = number(value(args, ++i, "--orders"), "--orders", 1, GeneratorOptions.MAX_ORDERS);
                case "--days" ->
                    days = (int) number(value(args, ++i, "--days"), "--days", 1, GeneratorOptions.MAX_DAYS);
                case "--seed" -> seed = number(value(args, ++i, "--seed"), "--seed", Long.MIN_VALUE, Long.MAX_VALUE);
                case "--messages" -> messages = Path.of(value(args, ++i, "--messages"));
                case "--batch" ->
                    batch = (int) number(value(args, ++i, "--batch"), "--batch", 1, GeneratorOptions.MAX_BATCH);
                case "--checked" -> checked = true;
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (orders == null) {
            throw new IllegalArgumentException("give --orders N");
        }
        return new GeneratorOptions(orders, days, seed, messages, batch, checked);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String text, String option, long min, long max) {
        long n;
        try {
            n = Long.parseLong(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a whole number: " + text);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "%s must be between %,d and %,d, not %s", option, min, max, text));
        }
        return n;
    }
}
