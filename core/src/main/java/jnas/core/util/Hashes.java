package jnas.core.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hashes every id and cache key here is made of. */
public final class Hashes {
    private Hashes() {}

    /**
     * The first {@code bytes} bytes of the SHA-256 of {@code text}'s UTF-8 form, in lower-case hex
     * ({@code 2 x bytes} digits): 6 bytes for architecture and program ids, 8 for cache keys.
     */
    public static String sha256Hex(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
