package dev.turnpike.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.client.token.FileTokenStore;
import dev.turnpike.client.token.Origin;
import dev.turnpike.client.token.StoredToken;
import dev.turnpike.client.token.TokenStore;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.RootKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenStoreTest {

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private final Origin origin = Origin.of(URI.create("https://api.example.com/quotes?x=1"));

    private StoredToken paidToken() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Preimage preimage = Preimage.of(secret);
        L402Identifier id = L402Identifier.of(preimage.paymentHash(), TokenId.random(random));
        Macaroon m = Macaroon.create(RootKey.generate(random), id.encode(), "lsat").addFirstPartyCaveat("services=q:0");
        return StoredToken.pending(origin, m, "lnbcrt1invoice", id.paymentHash(), 1_000, Instant.parse("2025-01-01T00:00:00Z"))
                .paid(preimage, 5, Instant.parse("2025-01-01T00:00:01Z"));
    }

    @Test
    void originsAreCanonicalAndTheirFileNamesDistinct() {
        assertThat(origin.toString()).isEqualTo("https://api.example.com:443");
        assertThat(Origin.of(URI.create("HTTP://Example.COM/a")).toString()).isEqualTo("http://example.com:80");
        assertThat(origin.fileName()).isEqualTo("https_api.example.com_443");
        assertThat(Origin.of(URI.create("http://[::1]:8080/")).fileName()).isEqualTo("http_%5B%3A%3A1%5D_8080");
    }

    @Test
    void aTokenRoundTripsAndToStringHidesTheSecrets() throws Exception {
        FileTokenStore store = new FileTokenStore(dir);
        StoredToken token = paidToken();
        store.save(token);
        StoredToken back = store.load(origin).orElseThrow();
        assertThat(back.credential().preimage()).isEqualTo(token.credential().preimage());
        assertThat(back.macaroon().signature()).isEqualTo(token.macaroon().signature());
        assertThat(back.feeMsat()).isEqualTo(5);
        assertThat(back.toString()).doesNotContain(token.credential().preimage().toHex()).contains("redacted");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.fileFor(origin))))
                .isEqualTo("rw-------");
        store.remove(origin);
        assertThat(store.load(origin)).isEmpty();
    }

    @Test
    void unusableFilesAreTreatedAsAbsent() throws Exception {
        FileTokenStore store = new FileTokenStore(dir);
        Path file = store.fileFor(origin);
        Files.write(file, new byte[] {(byte) 0xff, 0, 1});
        assertThat(store.load(origin)).isEmpty();
        Files.writeString(file, "[]");
        assertThat(store.load(origin)).isEmpty();
        Files.writeString(file, "{\"version\": 1, \"origin\": \"https://api.example.com:443\", \"state\": \"paid\"}");
        assertThat(store.load(origin)).isEmpty();
        Files.write(file, new byte[(int) FileTokenStore.MAX_FILE_BYTES + 1]);
        assertThat(store.load(origin)).isEmpty();
        // a file copied from another origin's name
        store.save(paidToken());
        Origin other = Origin.of(URI.create("https://evil.example.com"));
        Files.copy(file, store.fileFor(other));
        assertThat(store.load(other)).isEmpty();
    }

    @Test
    void theOriginLockExcludesAnotherStoreOnTheSameFolder() throws Exception {
        TokenStore a = new FileTokenStore(dir);
        TokenStore b = new FileTokenStore(dir);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean acquiredWhileHeld = new AtomicBoolean();
        Thread holder = Thread.ofPlatform().start(() -> {
            try (TokenStore.OriginLock lock = a.lock(origin)) {
                held.countDown();
                release.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        held.await();
        CountDownLatch acquired = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().start(() -> {
            try (TokenStore.OriginLock lock = b.lock(origin)) {
                acquiredWhileHeld.set(release.getCount() > 0);
                acquired.countDown();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(acquired.await(200, TimeUnit.MILLISECONDS)).isFalse();
        release.countDown();
        assertThat(acquired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(acquiredWhileHeld).isFalse();
        holder.join();
        waiter.join();
    }
}
