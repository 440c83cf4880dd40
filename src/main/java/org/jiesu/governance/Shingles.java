package org.jiesu.governance;

import java.util.Arrays;

/**
 * Character 2- and 3-grams of a text, hashed to ints: the features hot-issue clustering and duplicate suggestions
 * compare. Letters and digits only, lower-cased; punctuation and spaces separate, so a 3-gram never spans a comma.
 */
public final class Shingles {

    private Shingles() {}

    /** The distinct shingle hashes of {@code text}, sorted. */
    public static int[] of(String text) {
        int[] cps = text.codePoints().map(Character::toLowerCase).toArray();
        int[] out = new int[Math.max(0, 2 * cps.length)];
        int n = 0;
        for (int i = 0; i + 1 < cps.length; i++) {
            if (!Character.isLetterOrDigit(cps[i]) || !Character.isLetterOrDigit(cps[i + 1])) {
                continue;
            }
            out[n++] = mix(cps[i] * 0x9E3779B1 + cps[i + 1]);
            if (i + 2 < cps.length && Character.isLetterOrDigit(cps[i + 2])) {
                out[n++] = mix((cps[i] * 0x9E3779B1 + cps[i + 1]) * 0x85EBCA6B + cps[i + 2] + 0x27D4EB2F);
            }
        }
        int[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        int d = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (d == 0 || sorted[d - 1] != sorted[i]) {
                sorted[d++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, d);
    }

    /** Murmur3's finaliser: spreads neighbouring code points over the whole int. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
