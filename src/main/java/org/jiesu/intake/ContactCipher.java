package org.jiesu.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts residents' contact details at rest with AES-GCM. The key comes from {@code jiesu.privacy.contact-key}
 * (base64 of 32 bytes, e.g. from the environment variable {@code JIESU_CONTACT_KEY}); without it, from a key file
 * that is created on first start beside the data, readable by its owner only. A database dump alone never reveals a
 * phone number.
 */
@Component
class ContactCipher {

    private static final Logger log = LoggerFactory.getLogger(ContactCipher.class);
    static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    ContactCipher(
            @Value("${jiesu.privacy.contact-key:}") String configuredKey,
            @Value("${jiesu.privacy.contact-key-file:${JIESU_DATA_DIR:data}/contact.key}") Path keyFile) {
        byte[] bytes = keyBytes(configuredKey, keyFile);
        this.key = new SecretKeySpec(bytes, "AES");
        this.indexKey = new SecretKeySpec(derive(bytes, "jiesu:phone-index:v1"), "HmacSHA256");
    }

    /** A separate key for the phone index, so the hash never uses the encryption key itself. */
    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private byte[] keyBytes(String configured, Path file) {
        if (!configured.isBlank()) {
            return decodeKey(configured.strip(), "jiesu.privacy.contact-key");
        }
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
                    log.warn(
                            "Created the contact encryption key {}. Keep a copy apart from the database backups: without it"
                                    + " the residents' contact details cannot be read. Set JIESU_CONTACT_KEY to supply your own.",
                            file.toAbsolutePath());
                } catch (FileAlreadyExistsException raced) {
                    // Another instance on the same folder created it first: use theirs.
                }
            }
            return decodeKey(Files.readString(file).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the contact key file " + file, e);
        }
    }

    private static byte[] decodeKey(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    where + " is not base64: give 32 random bytes in base64 (openssl rand -base64 32).");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(where + " holds " + bytes.length
                    + " bytes; the contact key must be 32 bytes" + " (openssl rand -base64 32).");
        }
        return bytes;
    }

    /**
     * A keyed hash of the phone number's digits: equal numbers give equal hashes, so requests can be found by the
     * caller's number, while without the contact key nobody can test a guessed number against the table.
     */
    @Nullable
    String phoneIndex(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return HexFormat.of().formatHex(mac.doFinal(digits.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * A keyed hash of a phone number's digits inside a scope (a poll, say): the same number gives the same hash in
     * one scope and unrelated hashes in two, so tables of different scopes, or the request index, cannot be joined
     * on it.
     */
    String scopedPhoneIndex(String scope, String digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return HexFormat.of()
                    .formatHex(mac.doFinal(("scope:" + scope + "\u0000" + digits).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Nullable
    String encrypt(@Nullable String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Plain text for a sealed value; a value stored before encryption came in is returned as it is. */
    @Nullable
    String decrypt(@Nullable String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "A contact detail cannot be decrypted: the contact key is not the one it was stored with.", e);
        }
    }
}
