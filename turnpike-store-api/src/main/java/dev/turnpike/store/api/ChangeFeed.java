package dev.turnpike.store.api;

import java.util.function.Consumer;

/**
 * The changes other gateways sharing this store made, as they happen: a session answered, a token revoked. Each
 * gateway keeps some state in memory (who waits for a session, the revoked tokens) and applies these to stay current
 * without polling tables. Delivery is best effort: after a lost connection, and at a regular interval as a safety
 * net, {@link #onResync} listeners are called to reload what they keep, since changes may have been missed.
 *
 * <p>Listeners run on the feed's own thread, one at a time; they may read the store but must not take long. A
 * gateway alone on its store (SQLite) hears nothing: {@link #NONE}.
 */
public interface ChangeFeed {

    /** What changed; the key says which one. */
    enum Topic {
        /** A Bifrost session changed state; key: the SHA-256 of its id, hex ({@code SessionId.hashed()}). */
        SESSION,
        /** An L402 token was revoked; key: its token id, hex. */
        TOKEN_REVOCATION,
        /** A Bifrost delegated token was revoked; key: the SHA-256 of the token, hex. */
        DELEGATION_REVOCATION
    }

    /** The feed of a store no other gateway shares: nothing ever arrives. */
    ChangeFeed NONE = new ChangeFeed() {
        @Override
        public void subscribe(Topic topic, Consumer<String> listener) {}

        @Override
        public void onResync(Runnable listener) {}
    };

    /** Calls {@code listener} with the key of every later change on {@code topic} made by another gateway. */
    void subscribe(Topic topic, Consumer<String> listener);

    /** Calls {@code listener} whenever changes may have been missed: reload what is kept in memory. */
    void onResync(Runnable listener);
}
