package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.l402.Fixtures.World;
import dev.turnpike.l402.macaroon.Caveat;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MinterTest {
    final World w = new World();

    @Test
    void mintsApertureShapedTokens() throws Exception {
        Challenge ch = w.mint(World.defaultSpec().constraint(L402Caveat.constraint("api_max_bytes", "100")).build());
        assertThat(ch.macaroon().location()).isEqualTo("lsat");
        assertThat(ch.macaroon().caveats()).extracting(Caveat::idAsString).containsExactly("services=api:1",
                "api_capabilities=read,write", "api_max_bytes=100",
                "api_valid_until=" + (Fixtures.NOW.getEpochSecond() + 3600));
        L402Identifier id = L402Identifier.decode(ch.macaroon().identifier());
        assertThat(id.version()).isZero();
        Preimage paid = w.lightning.pay(ch);
        assertThat(id.paymentHash()).isEqualTo(paid.paymentHash());
        assertThat(w.keys.keys).containsKey(id.rootKeyId());
        assertThat(ch.macaroon().verifySignature(w.keys.keys.get(id.rootKeyId()))).isTrue();
        assertThat(w.keys.keys.get(id.rootKeyId()).length()).isEqualTo(32);
        assertThat(w.lightning.lastPrice).isEqualTo(Price.sats(10));
        assertThat(w.lightning.lastMemo).isEqualTo("L402 token for api");
    }

    @Test
    void tokenIdsAndKeysAreFresh() throws Exception {
        Challenge a = w.mint(World.defaultSpec().build());
        Challenge b = w.mint(World.defaultSpec().build());
        assertThat(L402Identifier.decode(a.macaroon().identifier()).tokenId())
                .isNotEqualTo(L402Identifier.decode(b.macaroon().identifier()).tokenId());
        assertThat(w.keys.keys).hasSize(2);
    }

    @Test
    void locationIsConfigurable() throws Exception {
        Minter m = Minter.builder().challenger(w.lightning).rootKeyWriter(w.keys).random(Fixtures.seededRandom(2))
                .clock(Fixtures.clockAt(Fixtures.NOW)).location("turnpike").build();
        assertThat(m.mint(World.defaultSpec().build()).macaroon().location()).isEqualTo("turnpike");
    }

    @Test
    void neverMintsWithoutExpiryUnlessExplicitlyAllowed() throws Exception {
        assertThatThrownBy(() -> ServiceSpec.builder("api").price(Price.sats(1)).build())
                .isInstanceOf(IllegalStateException.class);
        ServiceSpec forever = ServiceSpec.builder("api").price(Price.sats(1)).withoutExpiry().build();
        assertThatThrownBy(() -> w.minter.mint(forever)).isInstanceOf(IllegalStateException.class);
        assertThat(w.keys.keys).isEmpty();
        Minter lenient = Minter.builder().challenger(w.lightning).rootKeyWriter(w.keys)
                .random(Fixtures.seededRandom(2)).clock(Fixtures.clockAt(Fixtures.NOW)).allowTokensWithoutExpiry()
                .build();
        Challenge ch = lenient.mint(forever);
        assertThat(ch.macaroon().caveats()).extracting(Caveat::idAsString).containsExactly("services=api:0");
        assertThat(w.verifier().verify(new Credential(ch.macaroon(), w.lightning.pay(ch)),
                RequestContext.forService("api")).isValid()).isTrue();
    }

    @Test
    void backendFailuresAreMintExceptions() {
        w.lightning.failing = true;
        assertThatThrownBy(() -> w.minter.mint(World.defaultSpec().build())).isInstanceOf(MintException.class)
                .hasCauseInstanceOf(StoreException.class);
        assertThat(w.keys.keys).isEmpty();
        w.lightning.failing = false;
        w.keys.failing = true;
        assertThatThrownBy(() -> w.minter.mint(World.defaultSpec().build())).isInstanceOf(MintException.class);
    }

    @Test
    void specValidation() {
        assertThatThrownBy(() -> ServiceSpec.builder("a:b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceSpec.builder("a").tier(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceSpec.builder("a").capabilities("x,y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceSpec.builder("a").lifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceSpec.builder("a").constraint(new L402Caveat("services", "a:0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Minter.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThat(Price.msats(1500).satsRoundedUp()).isEqualTo(2);
        assertThatThrownBy(() -> Price.sats(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
