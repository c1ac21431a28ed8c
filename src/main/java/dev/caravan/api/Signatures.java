package dev.caravan.api;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Webhook verification: HMAC-SHA256 signatures and shared tokens, compared in constant time. */
final class Signatures {
    private Signatures() {
    }

    static String hmacSha256Hex(byte[] key, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** Whether {@code given} (a header value, may be null) equals {@code expected}, without leaking where they differ. */
    static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.trim().getBytes(StandardCharsets.UTF_8));
    }
}
