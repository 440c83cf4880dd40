package org.jiesu.platform;

import java.util.HashSet;
import java.util.Set;

/** Character pairs of short Chinese texts: a word-list-free way to say how much two texts share. */
public final class Bigrams {

    private Bigrams() {}

    /** Pairs of neighbouring letters or ideographs; punctuation and spaces only separate. */
    public static Set<String> of(String text) {
        Set<String> grams = new HashSet<>();
        int[] cps = text.codePoints()
                .filter(Character::isLetterOrDigit)
                .map(Character::toLowerCase)
                .toArray();
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        return grams;
    }

    /** The share of {@code part}'s pairs that {@code whole} holds too, 0 to 1. */
    public static double containment(Set<String> part, Set<String> whole) {
        if (part.isEmpty() || whole.isEmpty()) {
            return 0;
        }
        long shared = part.stream().filter(whole::contains).count();
        return (double) shared / part.size();
    }

    /** Shared pairs over all pairs of both, 0 to 1. */
    public static double jaccard(Set<String> x, Set<String> y) {
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        return (double) both.size() / (x.size() + y.size() - both.size());
    }
}
