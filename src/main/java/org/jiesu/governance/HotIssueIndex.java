package org.jiesu.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Clusters requests that speak of the same matter, one request at a time: a new request joins the cluster of every
 * earlier request like it under {@link HotIssueRules} (text, time window, place), or starts a cluster of its own.
 * When it is like requests in two clusters, it joins them: the later cluster is merged into the earlier one, whose
 * number stays.
 *
 * <p>A text is its title and the opening of its body, cut into {@link Shingles}; two texts are compared by the
 * cosine of their shingles weighted by inverse document frequency over every text seen so far, leaving out shingles
 * so common that they say nothing about a matter, and their titles alike count as much as their texts alike. Candidates come from an inverted index, scanned only for a text's
 * rarer shingles, newest first and only as far back as the window, so adding one request costs about the same
 * whether the index holds a thousand texts or a million. Not thread-safe: one writer at a time.
 */
public final class HotIssueIndex {

    /** Shingles seen in more than this share of texts carry no weight: they say nothing about a matter. */
    private static final double COMMON_SHARE = 0.02;
    /** Only shingles in at most this share of texts (or {@link #SCAN_FLOOR}) are looked up for candidates. */
    private static final double SCAN_SHARE = 0.002;

    private static final int SCAN_FLOOR = 40;
    /** Pseudo-count that keeps the first few hundred texts from treating every shingle as rare. */
    private static final int PRIOR_TEXTS = 200;

    private final HotIssueRules rules;
    private final IntIntMap documentFrequency = new IntIntMap();
    /** Inverted index as linked lists in two arrays: the newest entry of each shingle, and each entry's older one. */
    private final IntIntMap newestEntry = new IntIntMap();

    private int[] entryDoc = new int[1 << 12];
    private int[] entryOlder = new int[1 << 12];
    private int entries;
    /** Scratch for counting shared shingles per candidate; all zero between calls. */
    private int[] hitCount = new int[1 << 12];

    private int[] touched = new int[1 << 10];
    private final List<Doc> docs = new ArrayList<>();
    private final List<Cluster> clusters = new ArrayList<>();
    /** Union-find over cluster numbers: a merged cluster points at the one it joined. */
    private final IntList parent = new IntList();

    private int texts;

    public HotIssueIndex(HotIssueRules rules) {
        this.rules = rules;
    }

    /** Counts a text's shingles towards their document frequency without clustering it (a recompute's first pass). */
    public void count(HotMessage message) {
        for (int s : Shingles.of(text(message))) {
            documentFrequency.increment(s);
        }
        texts++;
    }

    /** Adds a request; says which cluster it joined or started and which clusters that merged into it. */
    public Placement add(HotMessage message) {
        return add(message, true);
    }

    /**
     * Adds a request whose shingles were already {@linkplain #count counted}; a recompute counts every text first so
     * that the earliest texts are weighed with the same frequencies as the latest.
     */
    public Placement addCounted(HotMessage message) {
        return add(message, false);
    }

    private Placement add(HotMessage message, boolean count) {
        int[] shingles = Shingles.of(text(message));
        if (count) {
            for (int s : shingles) {
                documentFrequency.increment(s);
            }
            texts++;
        }
        int[] title = Shingles.of(message.title());
        TreeSet<Integer> alike = alikeClusters(message, shingles, title);
        // A request that names no area must not bridge two areas: keep the clusters that agree with the earliest one.
        String area = message.area();
        for (Integer c : List.copyOf(alike)) {
            String other = clusters.get(c).area;
            if (other != null) {
                if (area == null) {
                    area = other;
                } else if (!area.equals(other)) {
                    alike.remove(c);
                }
            }
        }
        int cluster;
        List<Integer> merged = new ArrayList<>();
        if (alike.isEmpty()) {
            cluster = clusters.size();
            clusters.add(new Cluster(cluster));
            parent.add(cluster);
        } else {
            cluster = alike.pollFirst();
            for (int other : alike) {
                clusters.get(cluster).absorb(clusters.get(other));
                parent.set(other, cluster);
                merged.add(other);
            }
        }
        int index = docs.size();
        docs.add(new Doc(kept(message), shingles, title, cluster));
        clusters.get(cluster).add(index, message);
        for (int s : shingles) {
            post(s, index);
        }
        return new Placement(cluster, List.copyOf(merged));
    }

    /**
     * Where a request went.
     *
     * @param cluster the cluster it joined or started
     * @param merged clusters that it showed to be about the same matter, now part of {@code cluster}
     */
    public record Placement(int cluster, List<Integer> merged) {}

    private int root(int cluster) {
        int r = cluster;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        while (parent.get(cluster) != r) {
            int next = parent.get(cluster);
            parent.set(cluster, r);
            cluster = next;
        }
        return r;
    }

    private void post(int shingle, int doc) {
        if (entries == entryDoc.length) {
            entryDoc = Arrays.copyOf(entryDoc, entries * 2);
            entryOlder = Arrays.copyOf(entryOlder, entries * 2);
        }
        entryDoc[entries] = doc;
        entryOlder[entries] = newestEntry.get(shingle) - 1;
        entries++;
        newestEntry.put(shingle, entries);
    }

    /** How alike two texts are by this index's weights, 0 to 1; what duplicate suggestions rank by. */
    public double similarity(String a, String b) {
        int[] x = Shingles.of(a);
        int[] y = Shingles.of(b);
        return cosine(x, weights(x), y, weights(y));
    }

    public int size() {
        return docs.size();
    }

    public int clusterCount() {
        return clusters.size();
    }

    /** The cluster a request is in now, following merges. */
    public int clusterOf(int doc) {
        return root(docs.get(doc).cluster);
    }

    /** The clusters with at least {@code minSize} requests, hottest first, as of {@code now}. */
    public List<HotCluster> ranked(Instant now, int minSize) {
        List<HotCluster> out = new ArrayList<>();
        for (Cluster c : clusters) {
            if (parent.get(c.number) == c.number && c.members.size() >= minSize) {
                out.add(summary(c, now));
            }
        }
        out.sort(Comparator.comparingDouble(HotCluster::heat)
                .reversed()
                .thenComparing(HotCluster::size, Comparator.reverseOrder())
                .thenComparing(HotCluster::number));
        return out;
    }

    /** One cluster as of {@code now}. */
    public HotCluster cluster(int number, Instant now) {
        return summary(clusters.get(root(number)), now);
    }

    private HotCluster summary(Cluster c, Instant now) {
        List<HotMessage> messages = new ArrayList<>(c.members.size());
        for (int i = 0; i < c.members.size(); i++) {
            messages.add(docs.get(c.members.get(i)).message);
        }
        messages.sort(Comparator.comparing(HotMessage::at).thenComparing(HotMessage::id));
        int recent = 0;
        int previous = 0;
        Instant monthAgo = now.minus(Duration.ofDays(30));
        Instant twoMonthsAgo = now.minus(Duration.ofDays(60));
        for (HotMessage m : messages) {
            if (!m.at().isBefore(monthAgo) && !m.at().isAfter(now)) {
                recent++;
            } else if (!m.at().isBefore(twoMonthsAgo) && m.at().isBefore(monthAgo)) {
                previous++;
            }
        }
        int requesters = c.anonymous + c.requesters.size();
        double heat = Heat.of(requesters, messages.size(), c.supports, recent, previous, c.urgent);
        return new HotCluster(
                c.number,
                heat,
                messages.size(),
                requesters,
                c.supports,
                c.urgent,
                c.first,
                c.last,
                recent,
                previous,
                ShortTitle.of(representative(c)),
                messages);
    }

    /** The member most like the others (the medoid), among the first hundred. */
    private HotMessage representative(Cluster c) {
        int n = Math.min(c.members.size(), 100);
        int best = c.members.get(0);
        double bestSum = -1;
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            w[i] = weights(docs.get(c.members.get(i)).shingles);
        }
        for (int i = 0; i < n; i++) {
            Doc a = docs.get(c.members.get(i));
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    sum += cosine(a.shingles, w[i], docs.get(c.members.get(j)).shingles, w[j]);
                }
            }
            if (sum > bestSum + 1e-9) {
                bestSum = sum;
                best = c.members.get(i);
            }
        }
        return docs.get(best).message;
    }

    private TreeSet<Integer> alikeClusters(HotMessage message, int[] shingles, int[] title) {
        if (hitCount.length < docs.size()) {
            hitCount = Arrays.copyOf(hitCount, Math.max(docs.size(), hitCount.length * 2));
        }
        int touchedSize = 0;
        Instant earliest = message.at().minus(rules.window());
        Instant latest = message.at().plus(rules.window());
        Instant stop = earliest.minus(rules.window());
        long scanLimit = Math.max(SCAN_FLOOR, (long) (SCAN_SHARE * texts));
        for (int s : shingles) {
            if (documentFrequency.get(s) > scanLimit) {
                continue;
            }
            for (int e = newestEntry.get(s) - 1; e >= 0; e = entryOlder[e]) {
                if (docs.get(entryDoc[e]).message.at().isBefore(stop)) {
                    break; // arrivals are close to time order: nothing older can be in the window
                }
                int d = entryDoc[e];
                if (hitCount[d]++ == 0) {
                    if (touchedSize == touched.length) {
                        touched = Arrays.copyOf(touched, touchedSize * 2);
                    }
                    touched[touchedSize++] = d;
                }
            }
        }
        double[] weights = weights(shingles);
        double[] titleWeights = weights(title);
        TreeSet<Integer> alike = new TreeSet<>();
        for (int t = 0; t < touchedSize; t++) {
            int candidate = touched[t];
            int shared = hitCount[candidate];
            hitCount[candidate] = 0;
            if (shared < 2) {
                continue; // one shared shingle is chance
            }
            Doc d = docs.get(candidate);
            if (d.message.at().isBefore(earliest) || d.message.at().isAfter(latest) || !near(message, d.message)) {
                continue;
            }
            double score = Math.max(
                    cosine(shingles, weights, d.shingles, weights(d.shingles)),
                    cosine(title, titleWeights, d.title, weights(d.title)));
            if (score >= rules.minSimilarity()) {
                alike.add(root(d.cluster));
            }
        }
        return alike;
    }

    private boolean near(HotMessage a, HotMessage b) {
        if (a.hasPoint() && b.hasPoint()) {
            return metres(a.latitude(), a.longitude(), b.latitude(), b.longitude()) <= rules.nearMetres();
        }
        if (a.area() != null && b.area() != null) {
            return a.area().equals(b.area());
        }
        return true;
    }

    /** What the index keeps of a request: the part of its text it reads, not the whole. */
    private HotMessage kept(HotMessage m) {
        String text = m.text();
        if (text.length() <= rules.detailChars()) {
            return m;
        }
        int end = text.offsetByCodePoints(0, Math.min(rules.detailChars(), text.codePointCount(0, text.length())));
        return new HotMessage(
                m.id(),
                m.title(),
                text.substring(0, end),
                m.at(),
                m.area(),
                m.latitude(),
                m.longitude(),
                m.requester(),
                m.supports(),
                m.urgent());
    }

    private String text(HotMessage m) {
        String detail = m.text();
        int end =
                detail.offsetByCodePoints(0, Math.min(rules.detailChars(), detail.codePointCount(0, detail.length())));
        return m.title() + "\n" + detail.substring(0, end);
    }

    private double[] weights(int[] shingles) {
        double[] w = new double[shingles.length];
        double total = texts + PRIOR_TEXTS;
        long common = texts < PRIOR_TEXTS ? Long.MAX_VALUE : (long) Math.ceil(COMMON_SHARE * texts);
        for (int i = 0; i < shingles.length; i++) {
            int df = documentFrequency.get(shingles[i]);
            w[i] = df > common ? 0 : Math.log(total / (df + 1.0));
        }
        return w;
    }

    static double cosine(int[] a, double[] wa, int[] b, double[] wb) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (double w : wa) {
            na += w * w;
        }
        for (double w : wb) {
            nb += w * w;
        }
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                dot += wa[i] * wb[j];
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** Great-circle distance in metres. */
    public static double metres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private record Doc(HotMessage message, int[] shingles, int[] title, int cluster) {}

    private static final class Cluster {
        final int number;
        final IntList members = new IntList();
        final Set<String> requesters = new HashSet<>();
        int anonymous;
        int supports;
        int urgent;
        /** The first area a member named; a cluster never spans two. */
        String area;

        Instant first;
        Instant last;

        Cluster(int number) {
            this.number = number;
        }

        void absorb(Cluster other) {
            for (int i = 0; i < other.members.size(); i++) {
                members.add(other.members.get(i));
            }
            requesters.addAll(other.requesters);
            anonymous += other.anonymous;
            supports += other.supports;
            urgent += other.urgent;
            area = area != null ? area : other.area;
            first = first.isBefore(other.first) ? first : other.first;
            last = last.isAfter(other.last) ? last : other.last;
            other.members.clear();
            other.requesters.clear();
        }

        void add(int doc, HotMessage m) {
            members.add(doc);
            if (m.requester() == null || m.requester().isBlank()) {
                anonymous++;
            } else {
                requesters.add(m.requester());
            }
            supports += Math.max(0, m.supports());
            urgent += m.urgent() ? 1 : 0;
            area = area != null ? area : m.area();
            first = first == null || m.at().isBefore(first) ? m.at() : first;
            last = last == null || m.at().isAfter(last) ? m.at() : last;
        }
    }

    private static final class IntList {
        int[] values = new int[2];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }

        void set(int i, int v) {
            values[i] = v;
        }

        void clear() {
            values = new int[2];
            size = 0;
        }

        int size() {
            return size;
        }
    }

    /**
     * Puts a request back into the cluster it was stored with, without deciding anew: how an instance catches its
     * index up from the database, where another instance or an earlier run placed it. {@code clusterNumber} is an
     * existing cluster (followed through merges) or {@link #clusterCount()} for a new one.
     */
    public void restore(HotMessage message, int clusterNumber) {
        if (clusterNumber < 0 || clusterNumber > clusters.size()) {
            throw new IllegalArgumentException("no cluster " + clusterNumber + " among " + clusters.size());
        }
        int[] shingles = Shingles.of(text(message));
        for (int s : shingles) {
            documentFrequency.increment(s);
        }
        texts++;
        if (clusterNumber == clusters.size()) {
            clusters.add(new Cluster(clusterNumber));
            parent.add(clusterNumber);
        }
        int cluster = root(clusterNumber);
        int index = docs.size();
        docs.add(new Doc(kept(message), shingles, Shingles.of(message.title()), cluster));
        clusters.get(cluster).add(index, message);
        for (int s : shingles) {
            post(s, index);
        }
    }

    /** Replays a merge decided elsewhere: {@code absorbed} joins {@code into}, as {@link #add} merges clusters. */
    public void restoreMerge(int absorbed, int into) {
        int a = root(absorbed);
        int b = root(into);
        if (a == b) {
            return;
        }
        clusters.get(b).absorb(clusters.get(a));
        parent.set(a, b);
    }
}
