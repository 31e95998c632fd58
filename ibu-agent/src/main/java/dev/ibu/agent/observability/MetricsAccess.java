package dev.ibu.agent.observability;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may read {@code /metrics}, decided as controller-runtime's {@code WithAuthenticationAndAuthorization} filter
 * decides: the bearer token is authenticated by a TokenReview (no token or not authenticated: 401), then the user is
 * authorized by a SubjectAccessReview for the request's verb (the lower-case method) on the non-resource URL (its
 * path) (denied: 403); a review that cannot be made is 500. Results are cached as controller-runtime caches them:
 * tokens 1 min, allowed 5 min, denied 30 s. Tokens are kept only as SHA-256 hashes and never logged.
 * The agent's ServiceAccount needs {@code create} on {@code tokenreviews} and {@code subjectaccessreviews}; the
 * scraper needs {@code get} on the non-resource URL {@code /metrics}.
 */
public final class MetricsAccess {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsAccess.class);
    private static final Duration TOKEN_TTL = Duration.ofMinutes(1);
    private static final Duration ALLOW_TTL = Duration.ofMinutes(5);
    private static final Duration DENY_TTL = Duration.ofSeconds(30);
    private static final int MAX_CACHED = 1024;

    /** The answer: 200 (go on) or the status and message to send. */
    public record Decision(int status, String message) {
        static final Decision ALLOW = new Decision(200, "");

        public boolean allowed() {
            return status == 200;
        }
    }

    private record Cached<T>(T value, long expiresAt) {
    }

    private final KubernetesClient client;
    private final Map<String, Cached<Optional<UserInfo>>> users = new ConcurrentHashMap<>();
    private final Map<String, Cached<Boolean>> grants = new ConcurrentHashMap<>();

    public MetricsAccess(KubernetesClient client) {
        this.client = client;
    }

    /** Decides a request with the {@code Authorization} header {@code authorization} (may be null). */
    public Decision check(String authorization, String method, String path) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            return new Decision(401, "Unauthorized");
        }
        String tokenHash = sha256(authorization.substring(7).trim());
        Optional<UserInfo> user;
        try {
            user = cached(users, tokenHash, () -> authenticate(authorization.substring(7).trim()),
                    u -> TOKEN_TTL);
        } catch (KubernetesClientException e) {
            LOG.warn("metrics: TokenReview failed: {}", e.getMessage());
            return new Decision(500, "Authentication failed");
        }
        if (user.isEmpty()) {
            return new Decision(401, "Unauthorized");
        }
        String verb = method.toLowerCase(Locale.ROOT);
        String name = user.get().getUsername();
        boolean allowed;
        try {
            allowed = cached(grants, tokenHash + " " + verb + " " + path, () -> authorize(user.get(), verb, path),
                    a -> a ? ALLOW_TTL : DENY_TTL);
        } catch (KubernetesClientException e) {
            LOG.warn("metrics: SubjectAccessReview for {} failed: {}", name, e.getMessage());
            return new Decision(500, "Authorization for user " + name + " failed");
        }
        if (!allowed) {
            LOG.debug("metrics: {} {} denied for {}", verb, path, name);
            return new Decision(403, "Authorization denied for user " + name);
        }
        return Decision.ALLOW;
    }

    private Optional<UserInfo> authenticate(String token) {
        TokenReview review = client.authentication().v1().tokenReviews().create(new TokenReviewBuilder()
                .withNewSpec().withToken(token).endSpec().build());
        if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())) {
            return Optional.empty();
        }
        return Optional.ofNullable(review.getStatus().getUser());
    }

    private boolean authorize(UserInfo user, String verb, String path) {
        SubjectAccessReview review = client.authorization().v1().subjectAccessReview().create(
                new SubjectAccessReviewBuilder().withNewSpec().withUser(user.getUsername()).withUid(user.getUid())
                        .withGroups(user.getGroups()).withExtra(user.getExtra())
                        .withNewNonResourceAttributes().withPath(path).withVerb(verb).endNonResourceAttributes()
                        .endSpec().build());
        return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
    }

    private static <T> T cached(Map<String, Cached<T>> cache, String key, java.util.function.Supplier<T> load,
            java.util.function.Function<T, Duration> ttl) {
        long now = System.nanoTime();
        Cached<T> c = cache.get(key);
        if (c != null && now - c.expiresAt() < 0) {
            return c.value();
        }
        T value = load.get();
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached<>(value, now + ttl.apply(value).toNanos()));
        return value;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
