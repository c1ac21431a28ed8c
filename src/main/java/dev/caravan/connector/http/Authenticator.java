package dev.caravan.connector.http;

import dev.caravan.model.AuthSpec;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Adds a connection's credentials to each request. Secrets are revealed here and nowhere else. */
public interface Authenticator {

    void apply(HttpRequest.Builder request);

    /** Forget cached credentials (a token the API no longer accepts). */
    default void invalidate() {
    }

    public static Authenticator of(AuthSpec auth, OAuth2TokenSource.Factory oauth2) {
        return switch (auth.type()) {
            case NONE -> request -> { };
            case BEARER -> request -> request.header("Authorization", "Bearer " + auth.token().reveal());
            case BASIC -> {
                String credentials = Base64.getEncoder().encodeToString(
                        (auth.username() + ":" + auth.password().reveal()).getBytes(StandardCharsets.UTF_8));
                yield request -> request.header("Authorization", "Basic " + credentials);
            }
            case HEADER -> request -> request.header(auth.header(), auth.value().reveal());
            case OAUTH2 -> oauth2.create(auth);
        };
    }
}
