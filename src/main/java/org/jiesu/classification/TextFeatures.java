package org.jiesu.classification;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns a request's words into the features the classifier sees: character 1- to 3-grams of the whole text ({@code 1},
 * {@code 2}, {@code 3} and the gram), the words Lucene's smartcn finds in it ({@code w}), and the n-grams of its head
 * (the first line, or the first sentence; {@code h}) again, because the opening words name the matter while the rest
 * tells the story. Character n-grams need no dictionary; the words add what a dictionary knows.
 */
final class TextFeatures {

    static final int MAX_N = 3;

    /** Longest text read: a request longer than this says what it is about well before its end. */
    static final int MAX_CHARS = 1_000;

    private static final int HEAD_CHARS = 40;

    /** Words are looked for in the first part only: segmenting is the costly step, and the opening says most. */
    static final int MAX_WORD_CHARS = 100;

    private TextFeatures() {}

    /** Raw counts of each feature in the text; empty when nothing in it is a letter or digit. */
    static Map<String, Integer> counts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        if (text == null) {
            return counts;
        }
        String body = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String all = normalise(body);
        grams(all, "", counts);
        words(body.length() > MAX_WORD_CHARS ? body.substring(0, MAX_WORD_CHARS) : body, counts);
        String head = normalise(head(body));
        if (!head.isEmpty() && head.length() < all.length()) {
            grams(head, "h", counts);
        }
        return counts;
    }

    /** One segmenter per thread, reused: making one costs far more than segmenting a request. */
    private static final ThreadLocal<Tokenizer> SEGMENTER = ThreadLocal.withInitial(HMMChineseTokenizer::new);

    /** Words as Lucene's smartcn segments them (a hidden Markov model over its own dictionary). */
    private static void words(String text, Map<String, Integer> counts) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        Tokenizer tokens = SEGMENTER.get();
        try {
            tokens.setReader(new StringReader(folded));
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String w = normalise(term.toString());
                if (!w.isEmpty()) {
                    counts.merge("w" + w, 1, Integer::sum);
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                tokens.close();
            } catch (IOException e) {
                SEGMENTER.remove();
            }
        }
    }

    private static void grams(String s, String prefix, Map<String, Integer> counts) {
        for (int i = 0; i < s.length(); i++) {
            for (int n = 1; n <= MAX_N && i + n <= s.length(); n++) {
                counts.merge(prefix + n + s.substring(i, i + n), 1, Integer::sum);
            }
        }
    }

    /** The first line when there are several, else the first sentence; at most a title's length. */
    static String head(String text) {
        String t = text.strip();
        int end = t.indexOf('\n');
        if (end < 0) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == '。' || c == '！' || c == '？' || c == '!' || c == '?' || c == '；') {
                    end = i;
                    break;
                }
            }
        }
        if (end < 0) {
            end = t.length();
        }
        return t.substring(0, Math.min(end, HEAD_CHARS));
    }

    /** Width and case folded (NFKC, lower case); only letters and digits kept, every digit as 0. */
    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isDigit(cp)) {
                out.append('0');
            } else if (Character.isLetter(cp) && Character.charCount(cp) == 1) {
                out.append((char) cp);
            }
        }
        return out.toString();
    }
}
