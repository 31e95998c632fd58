package dev.ibu.apiserver.auth;

import dev.ibu.apiserver.Identity;
import dev.ibu.apiserver.api.StatusError;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer-token authentication: a token the server issued names one identity; no token is anonymous; any other is 401. */
public final class Tokens {
    private final Map<String, Identity> byToken = new ConcurrentHashMap<>();
    private final Map<Identity, String> byIdentity = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** The token of an identity (issued once, then the same). */
    public String tokenFor(Identity identity) {
        return byIdentity.computeIfAbsent(identity, id -> {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            byToken.put(token, id);
            return token;
        });
    }

    /** The identity a bare token names (TokenReview), if the server issued it. */
    public Optional<Identity> lookup(String token) {
        return Optional.ofNullable(byToken.get(token == null ? "" : token.trim()));
    }

    public Identity authenticate(Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            return Identity.anonymous();
        }
        String header = authorization.get().trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw StatusError.unauthorized();
        }
        Identity id = byToken.get(header.substring(7).trim());
        if (id == null) {
            throw StatusError.unauthorized();
        }
        return id;
    }
}
