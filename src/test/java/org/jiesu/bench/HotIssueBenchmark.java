package org.jiesu.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jiesu.governance.HotCluster;
import org.jiesu.governance.HotIssueIndex;
import org.jiesu.governance.HotIssueRules;
import org.jiesu.governance.HotMessage;

/**
 * Clusters 100,000 requests drawn from the shared gov-messages files, then adds 10,000 more one at a time and times
 * each add. Texts are the files' titles and details, lightly changed (a few characters dropped or swapped, as people
 * write the same thing differently); each source text has a home community, where 70% of its requests come from, the
 * rest from anywhere in the prefecture; times are spread over two years. Run by hand (docs/benchmarks.md), bounded in
 * count; Surefire never runs it.
 *
 * <pre>
 * java -Xmx1g -cp … org.jiesu.bench.HotIssueBenchmark [--data DIR] [--requests N] [--adds N]
 * </pre>
 */
public final class HotIssueBenchmark {

    /** Nine counties of 60 communities each, over about 100 × 80 km. */
    private static final int COUNTIES = 9;

    private static final int COMMUNITIES_PER_COUNTY = 60;
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(730);

    private HotIssueBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of("../shared/data/gov-messages");
        int requests = 100_000;
        int adds = 10_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--adds" -> adds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String[]> sources = new ArrayList<>();
        for (String file : List.of("hot-issues.csv", "train.csv", "replies.csv")) {
            sources.addAll(texts(data.resolve(file)));
        }
        System.out.printf(Locale.ROOT, "%d source texts from %s%n", sources.size(), data);
        SplittableRandom random = new SplittableRandom(20261124L);
        double[][] communities = communities(random);
        List<HotMessage> all = new ArrayList<>(requests + adds);
        for (int i = 0; i < requests + adds; i++) {
            all.add(request(i, sources, communities, random));
        }
        List<HotMessage> base = new ArrayList<>(all.subList(0, requests));
        base.sort(Comparator.comparing(HotMessage::at));
        List<HotMessage> later = all.subList(requests, requests + adds).stream()
                .map(m -> new HotMessage(
                        m.id(),
                        m.title(),
                        m.text(),
                        START.plus(SPAN).plusSeconds(random.nextLong(30 * 86_400)),
                        m.area(),
                        m.latitude(),
                        m.longitude(),
                        m.requester(),
                        0,
                        m.urgent()))
                .sorted(Comparator.comparing(HotMessage::at))
                .toList();

        for (int round = 1; round <= 2; round++) {
            System.gc();
            long before =
                    Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            long t0 = System.nanoTime();
            HotIssueIndex index = new HotIssueIndex(HotIssueRules.DEFAULTS);
            base.forEach(index::count);
            base.forEach(index::addCounted);
            long built = System.nanoTime() - t0;
            Instant now = base.get(base.size() - 1).at();
            List<HotCluster> ranked = index.ranked(now, 2);
            long ranking = System.nanoTime() - t0 - built;
            System.gc();
            long heap =
                    Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf(
                    Locale.ROOT,
                    "round %d: clustered %,d requests in %.1f s (ranking %.2f s); %,d clusters, %,d of 2 or more,"
                            + " largest %d; the index takes %d MB of heap (%d MB in all after GC)%n",
                    round,
                    requests,
                    built / 1e9,
                    ranking / 1e9,
                    index.clusterCount(),
                    ranked.size(),
                    ranked.stream().mapToInt(HotCluster::size).max().orElse(0),
                    (heap - before) >> 20,
                    heap >> 20);
            long[] nanos = new long[later.size()];
            for (int i = 0; i < later.size(); i++) {
                long s = System.nanoTime();
                index.add(later.get(i));
                nanos[i] = System.nanoTime() - s;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %,d adds one at a time: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    round,
                    nanos.length,
                    nanos[nanos.length / 2] / 1e6,
                    nanos[(int) (nanos.length * 0.95)] / 1e6,
                    nanos[(int) (nanos.length * 0.99)] / 1e6,
                    nanos[nanos.length - 1] / 1e6);
        }
    }

    private static HotMessage request(int i, List<String[]> sources, double[][] communities, SplittableRandom random) {
        int source = random.nextInt(sources.size());
        String[] s = sources.get(source);
        int community = random.nextDouble() < 0.7
                ? Math.floorMod(source * 0x9E3779B1, communities.length)
                : random.nextInt(communities.length);
        double[] c = communities[community];
        double lat = c[0] + (random.nextDouble() - 0.5) * 0.01;
        double lon = c[1] + (random.nextDouble() - 0.5) * 0.01;
        Instant at = START.plusSeconds(random.nextLong(SPAN.toSeconds()));
        return new HotMessage(
                "b" + i,
                change(s[0], random),
                change(s[1], random),
                at,
                "county-" + community / COMMUNITIES_PER_COUNTY,
                lat,
                lon,
                "p" + random.nextInt(80_000),
                0,
                random.nextInt(50) == 0);
    }

    /** Drops or swaps about one character in twenty, as two people telling the same matter would. */
    private static String change(String text, SplittableRandom random) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            double r = random.nextDouble();
            if (r < 0.025) {
                continue;
            }
            if (r < 0.05 && i + 1 < text.length()) {
                b.append(text.charAt(i + 1)).append(text.charAt(i));
                i++;
                continue;
            }
            b.append(text.charAt(i));
        }
        return b.toString();
    }

    private static double[][] communities(SplittableRandom random) {
        double[][] c = new double[COUNTIES * COMMUNITIES_PER_COUNTY][];
        for (int county = 0; county < COUNTIES; county++) {
            double lat0 = 28.0 + (county / 3) * 0.24;
            double lon0 = 112.8 + (county % 3) * 0.34;
            for (int k = 0; k < COMMUNITIES_PER_COUNTY; k++) {
                c[county * COMMUNITIES_PER_COUNTY + k] =
                        new double[] {lat0 + random.nextDouble() * 0.24, lon0 + random.nextDouble() * 0.34};
            }
        }
        return c;
    }

    private static List<String[]> texts(Path file) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        List<String[]> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = format.parse(r)) {
            for (CSVRecord rec : p) {
                String title = rec.get("留言主题");
                String detail = rec.isMapped("留言详情") ? rec.get("留言详情") : "";
                if (!title.isBlank()) {
                    out.add(new String[] {title, detail});
                }
            }
        }
        return out;
    }
}
