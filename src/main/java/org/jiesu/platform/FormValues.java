package org.jiesu.platform;

import org.jspecify.annotations.Nullable;

/**
 * Reads the text fields of an HTML form into typed values. Pages bind numbers and choices as text so that a wrong
 * value comes back as a message next to everything else the person typed, instead of as a binding failure.
 */
public final class FormValues {

    private FormValues() {}

    public static <E extends Enum<E>> @Nullable E choice(Class<E> type, @Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw JiesuException.invalid(field + ": '" + shown(value) + "' is not one of the choices.");
        }
    }

    public static @Nullable Double number(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw JiesuException.invalid(field + ": '" + shown(value) + "' is not a number.");
        }
    }

    public static @Nullable Long id(@Nullable String value, String field) {
        Double n = number(value, field);
        if (n == null) {
            return null;
        }
        if (n != Math.rint(n)) {
            throw JiesuException.invalid(field + ": '" + shown(value) + "' is not a whole number.");
        }
        return n.longValue();
    }

    public static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Stripped, or null when blank; refused when longer than {@code max} characters. For the free-text fields a
     * facade stores, so that a page that skipped validation still cannot store more than the API accepts.
     */
    public static @Nullable String optionalText(@Nullable String value, String field, int max) {
        String text = blankToNull(value);
        if (text != null && text.length() > max) {
            throw JiesuException.invalid(field + ": at most " + max + " characters (got " + text.length() + ").");
        }
        return text;
    }

    /** What someone sent, for a message: cut short, so that a message never repeats a megabyte back. */
    public static String shown(@Nullable String value) {
        if (value == null) {
            return "";
        }
        return value.codePointCount(0, value.length()) <= SHOWN
                ? value
                : value.substring(0, value.offsetByCodePoints(0, SHOWN)) + "…";
    }

    private static final int SHOWN = 40;
}
