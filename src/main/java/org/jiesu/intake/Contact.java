package org.jiesu.intake;

import org.jspecify.annotations.Nullable;

public record Contact(@Nullable String name, @Nullable String phone) {

    /** 张三 becomes 张*, 13812345678 becomes 138****5678. */
    public Contact masked() {
        return new Contact(maskName(name), maskPhone(phone));
    }

    static @Nullable String maskName(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.codePointAt(0);
        return new String(Character.toChars(first))
                + "*".repeat(Math.max(1, name.codePointCount(0, name.length()) - 1));
    }

    static @Nullable String maskPhone(@Nullable String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 8) {
            // Too short to show both ends without giving most of it away.
            return digits.isEmpty() ? "*" : digits.charAt(0) + "*".repeat(digits.length() - 1);
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }
}
