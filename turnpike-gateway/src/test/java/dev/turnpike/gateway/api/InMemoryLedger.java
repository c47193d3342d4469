package dev.turnpike.gateway.api;

import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.store.api.IssuedToken;
import dev.turnpike.store.api.ServiceTotals;
import dev.turnpike.store.api.TokenLedger;
import dev.turnpike.store.api.TokenRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A ledger in memory for the API tests (the SQLite one is tested in turnpike-store). */
public final class InMemoryLedger implements TokenLedger {

    final Map<TokenId, TokenRecord> records = new LinkedHashMap<>();
    private final Map<RootKeyId, RootKey> rootKeys;

    public InMemoryLedger() {
        this(new ConcurrentHashMap<>());
    }

    /** {@code rootKeys}: where the keys of booked tokens go (a verifier's under test). */
    public InMemoryLedger(Map<RootKeyId, RootKey> rootKeys) {
        this.rootKeys = rootKeys;
    }

    @Override
    public synchronized void issued(IssuedToken token, RootKeyId keyId, RootKey key) {
        records.put(token.tokenId(), new TokenRecord(token, null, null));
        rootKeys.put(keyId, key);
    }

    /** The key booked under {@code keyId}, if any. */
    public Optional<RootKey> rootKey(RootKeyId keyId) {
        return Optional.ofNullable(rootKeys.get(keyId));
    }

    @Override
    public synchronized Optional<IssuedToken> settled(PaymentHash paymentHash, Instant at) {
        for (TokenRecord r : records.values()) {
            if (r.token().paymentHash().equals(paymentHash) && r.settledAt() == null) {
                records.put(r.token().tokenId(), new TokenRecord(r.token(), at, r.revokedAt()));
                return Optional.of(r.token());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized boolean revoke(TokenId tokenId, Instant at) {
        TokenRecord r = records.get(tokenId);
        if (r == null) {
            return false;
        }
        records.put(tokenId, new TokenRecord(r.token(), r.settledAt(), r.revokedAt() == null ? at : r.revokedAt()));
        return true;
    }

    @Override
    public synchronized List<TokenId> revoked() {
        return records.values().stream().filter(TokenRecord::isRevoked).map(r -> r.token().tokenId()).toList();
    }

    @Override
    public synchronized Optional<TokenRecord> find(TokenId tokenId) {
        return Optional.ofNullable(records.get(tokenId));
    }

    @Override
    public synchronized List<TokenRecord> list(Optional<String> service, int limit) {
        return records.values().stream()
                .filter(r -> service.isEmpty() || r.token().service().equals(service.get()))
                .sorted(Comparator.comparing((TokenRecord r) -> r.token().issuedAt()).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<ServiceTotals> totals() {
        Map<String, long[]> t = new TreeMap<>();
        for (TokenRecord r : records.values()) {
            long[] v = t.computeIfAbsent(r.token().service(), s -> new long[3]);
            v[0]++;
            if (r.isSettled()) {
                v[1]++;
                v[2] += r.token().priceMsat();
            }
        }
        List<ServiceTotals> out = new ArrayList<>();
        t.forEach((s, v) -> out.add(new ServiceTotals(s, v[0], v[1], v[2])));
        return out;
    }
}
