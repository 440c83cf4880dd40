package org.jiesu.assessment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time survey codes: eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), drawn
 * from a secure random source. Only a hash is stored; the printed sheet is the one place a code appears in full.
 */
final class SurveyCodes {

    static final String ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";
    static final int LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SurveyCodes() {}

    static String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The code as typed, made canonical: case, spaces and dashes do not matter. Empty when it cannot be a code, so a
     * typo is refused without a database look-up.
     */
    static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH) {
            return Optional.empty();
        }
        for (char c : code.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(code);
    }

    /** As printed: two groups of four, easier to read aloud and to type. */
    static String printed(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    static String hash(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
