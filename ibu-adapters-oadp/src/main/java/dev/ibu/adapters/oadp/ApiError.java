package dev.ibu.adapters.oadp;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vavr.control.Either;

import java.util.function.Supplier;

/**
 * A failed API call, reduced to what decisions need: the HTTP code and the API server's own message
 * (the {@code Status} message when there is one, as Go clients print it), never a stack of wrappers.
 */
public record ApiError(int code, String message) {
    public ApiError {
        message = message == null ? "" : message;
    }

    public boolean notFound() {
        return code == 404;
    }

    public boolean alreadyExists() {
        return code == 409;
    }

    public boolean invalid() {
        return code == 422;
    }

    /** Runs one client call; a {@link KubernetesClientException} becomes a Left, anything else is a bug. */
    public static <T> Either<ApiError, T> call(Supplier<T> call) {
        try {
            return Either.right(call.get());
        } catch (KubernetesClientException e) {
            return Either.left(of(e));
        }
    }

    static ApiError of(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isEmpty()) {
            return new ApiError(e.getCode(), e.getStatus().getMessage());
        }
        return new ApiError(e.getCode(), e.getMessage());
    }

    @Override
    public String toString() {
        return message;
    }
}
