package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.l402.Fixtures.World;
import dev.turnpike.l402.macaroon.Caveat;
import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.RootKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class L402VerifierTest {
    static final RequestContext API = RequestContext.forService("api");
    static final long EXPIRY = Fixtures.NOW.getEpochSecond() + 3600;

    final World w = new World();

    static Reason reason(VerificationResult r) {
        assertThat(r).isInstanceOf(VerificationResult.Invalid.class);
        return ((VerificationResult.Invalid) r).reason();
    }

    /** A token with arbitrary caveats whose root key is stored; returns a paid credential. */
    Credential custom(byte[] identifier, String... caveats) {
        return w.token(identifier, PREIMAGE, caveats);
    }

    static final Preimage PREIMAGE = Preimage.fromHex("42".repeat(32));

    static byte[] identifierFor(Preimage p) {
        return L402Identifier.of(p.paymentHash(), TokenId.fromHex("07".repeat(32))).encode();
    }

    Credential custom(String... caveats) {
        return custom(identifierFor(PREIMAGE), caveats);
    }

    @Test
    void validCredentialReportsIdentifierTierAndCaveats() {
        Credential c = w.paidCredential();
        VerificationResult r = w.verifier().verify(c, API.requiringCapability("read"));
        assertThat(r.isValid()).isTrue();
        VerificationResult.Valid v = (VerificationResult.Valid) r;
        assertThat(v.tier()).isEqualTo(1);
        assertThat(v.identifier().paymentHash()).isEqualTo(c.preimage().paymentHash());
        assertThat(v.tokenId()).isEqualTo(v.identifier().tokenId());
        assertThat(v.caveats()).extracting(L402Caveat::encode).containsExactly("services=api:1",
                "api_capabilities=read,write", "api_valid_until=" + EXPIRY);
    }

    @Test
    void builderRequiresEveryDependency() {
        assertThatThrownBy(() -> L402Verifier.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> L402Verifier.builder().rootKeyStore(w.keys).clock(w.verifierClock).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> L402Verifier.builder().constraint(ConstraintSatisfier.exactInput("services", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> L402Verifier.builder().constraint(ConstraintSatisfier.exactInput("x_valid_until", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> L402Verifier.builder().constraint(ConstraintSatisfier.exactInput("x", "x"))
                .constraint(ConstraintSatisfier.atMost("x", "y"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** One test per step of the fixed order; each also shows that later steps were not reached. */
    @Nested
    class Order {
        @Test
        void step1_strictParse_thirdPartyCaveatIsMalformed() {
            Credential good = w.paidCredential();
            Macaroon m = good.macaroon();
            List<Caveat> cavs = new ArrayList<>(m.caveats());
            cavs.add(Caveat.thirdParty("x".getBytes(), "vid".getBytes(), "loc".getBytes()));
            Macaroon third = Macaroon.of(m.location(), m.identifier(), cavs, m.signature());
            // even with a wrong preimage, MALFORMED wins
            Credential c = new Credential(third, Preimage.fromHex("00".repeat(32)));
            assertThat(reason(w.verifier().verify(c, API))).isEqualTo(Reason.MALFORMED);
            assertThat(w.keys.lookups.get()).isZero();
        }

        @Test
        void step1_strictParse_identifierLengthAndVersion() {
            byte[] id = identifierFor(PREIMAGE);
            byte[] longer = java.util.Arrays.copyOf(id, 67);
            assertThat(reason(w.verifier().verify(custom(longer, "services=api:0"), API))).isEqualTo(Reason.MALFORMED);
            byte[] v1 = id.clone();
            v1[1] = 1;
            assertThat(reason(w.verifier().verify(custom(v1, "services=api:0"), API)))
                    .isEqualTo(Reason.UNKNOWN_VERSION);
            assertThat(w.keys.lookups.get()).isZero();
        }

        @Test
        void step2_preimage_checkedBeforeAnyLookup() {
            Credential c = w.paidCredential();
            Credential wrong = new Credential(c.macaroon(), Preimage.fromHex("ab".repeat(32)));
            w.keys.keys.clear(); // would be UNKNOWN_TOKEN if looked up
            assertThat(reason(w.verifier().verify(wrong, API))).isEqualTo(Reason.WRONG_PREIMAGE);
            assertThat(w.keys.lookups.get()).isZero();
        }

        @Test
        void step3_lookup_unknownTokenBeforeSignature() {
            Credential c = w.paidCredential();
            Macaroon m = c.macaroon();
            byte[] sig = m.signature();
            sig[0] ^= 1;
            Credential tampered = new Credential(Macaroon.of(m.location(), m.identifier(), m.caveats(), sig), c.preimage());
            w.keys.keys.clear();
            assertThat(reason(w.verifier().verify(tampered, API))).isEqualTo(Reason.UNKNOWN_TOKEN);
            assertThat(w.keys.lookups.get()).isEqualTo(1);
        }

        @Test
        void step3_lookup_backendFailureIsNotAClientError() {
            Credential c = w.paidCredential();
            w.keys.failing = true;
            VerificationResult r = w.verifier().verify(c, API);
            assertThat(reason(r)).isEqualTo(Reason.BACKEND_UNAVAILABLE);
            assertThat(((VerificationResult.Invalid) r).failure()).get().isInstanceOf(StoreException.class);
            RootKeyStore throwing = id -> {
                throw new IllegalStateException("bug");
            };
            L402Verifier v = L402Verifier.builder().rootKeyStore(throwing).revocationCheck(RevocationCheck.none())
                    .clock(w.verifierClock).build();
            assertThat(reason(v.verify(c, API))).isEqualTo(Reason.BACKEND_UNAVAILABLE);
            L402Verifier nullStore = L402Verifier.builder().rootKeyStore(id -> null)
                    .revocationCheck(RevocationCheck.none()).clock(w.verifierClock).build();
            assertThat(reason(nullStore.verify(c, API))).isEqualTo(Reason.BACKEND_UNAVAILABLE);
        }

        @Test
        void step4_signature_checkedBeforeRevocation() {
            Credential c = w.paidCredential();
            L402Identifier id = identifierOf(c);
            w.revocations.revoked.add(id.tokenId());
            Macaroon m = c.macaroon();
            List<Caveat> cavs = new ArrayList<>(m.caveats());
            cavs.set(0, Caveat.firstParty("services=api:9"));
            Credential forged = new Credential(Macaroon.of(m.location(), m.identifier(), cavs, m.signature()),
                    c.preimage());
            assertThat(reason(w.verifier().verify(forged, API))).isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(w.revocations.checks.get()).isZero();
            // a different stored key is also a bad signature
            w.keys.keys.replaceAll((k, v) -> RootKey.generate(Fixtures.seededRandom(8)));
            assertThat(reason(w.verifier().verify(c, API))).isEqualTo(Reason.BAD_SIGNATURE);
        }

        @Test
        void step5_revocation_beforeCaveats() {
            Credential c = w.paidCredential();
            w.revocations.revoked.add(identifierOf(c).tokenId());
            // expired and for another service, but REVOKED is reported
            w.verifierClock = Fixtures.clockAt(Fixtures.NOW.plus(Duration.ofDays(1)));
            assertThat(reason(w.verifier().verify(c, RequestContext.forService("other")))).isEqualTo(Reason.REVOKED);
        }

        @Test
        void step5_revocation_backendFailure() {
            Credential c = w.paidCredential();
            w.revocations.failing = true;
            assertThat(reason(w.verifier().verify(c, API))).isEqualTo(Reason.BACKEND_UNAVAILABLE);
        }

        @Test
        void step6_caveats_fixedPrecedence() {
            w.verifierClock = Fixtures.clockAt(Fixtures.NOW.plus(Duration.ofDays(1)));
            Credential c = w.paidCredential();
            // expired AND wrong service -> services first
            assertThat(reason(w.verifier().verify(c, RequestContext.forService("other"))))
                    .isEqualTo(Reason.SERVICE_NOT_ALLOWED);
            // expired AND missing capability -> expiry before capabilities
            assertThat(reason(w.verifier().verify(c, API.requiringCapability("admin")))).isEqualTo(Reason.EXPIRED);
        }
    }

    static L402Identifier identifierOf(Credential c) {
        try {
            return L402Identifier.decode(c.macaroon().identifier());
        } catch (IdentifierFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    class Caveats {
        @Test
        void serviceMustBeListed() {
            Credential c = w.paidCredential();
            assertThat(reason(w.verifier().verify(c, RequestContext.forService("other"))))
                    .isEqualTo(Reason.SERVICE_NOT_ALLOWED);
        }

        @Test
        void aServicesCaveatIsRequired() {
            assertThat(reason(w.verifier().verify(custom("foo=bar"), API))).isEqualTo(Reason.SERVICE_NOT_ALLOWED);
            assertThat(w.verifier().verify(custom("services=api:0"), API).isValid()).isTrue();
        }

        @Test
        void expiryBoundaryUsesTheInjectedClock() {
            Credential c = w.paidCredential();
            w.verifierClock = Fixtures.clockAt(java.time.Instant.ofEpochSecond(EXPIRY - 1, 999_999_999));
            assertThat(w.verifier().verify(c, API).isValid()).isTrue();
            w.verifierClock = Fixtures.clockAt(java.time.Instant.ofEpochSecond(EXPIRY));
            assertThat(reason(w.verifier().verify(c, API))).isEqualTo(Reason.EXPIRED);
        }

        @Test
        void capabilitiesAreEnforced() {
            Credential c = w.paidCredential();
            assertThat(w.verifier().verify(c, API.requiringCapability("write")).isValid()).isTrue();
            assertThat(reason(w.verifier().verify(c, API.requiringCapability("admin"))))
                    .isEqualTo(Reason.CAPABILITY_NOT_ALLOWED);
            assertThat(w.verifier().verify(c, API).isValid()).isTrue();
        }

        @Test
        void noCapabilitiesCaveatMeansUnrestricted_emptyMeansNone() {
            assertThat(w.verifier().verify(custom("services=api:0"), API.requiringCapability("x")).isValid()).isTrue();
            Credential none = custom("services=api:0", "api_capabilities=");
            assertThat(reason(w.verifier().verify(none, API.requiringCapability("x"))))
                    .isEqualTo(Reason.CAPABILITY_NOT_ALLOWED);
            assertThat(w.verifier().verify(none, API).isValid()).isTrue();
        }

        @Test
        void narrowingIsAllowed() {
            Credential c = w.attenuate(w.paidCredential(), "services=api:1", "api_capabilities=read",
                    "api_valid_until=" + (EXPIRY - 100));
            assertThat(w.verifier().verify(c, API.requiringCapability("read")).isValid()).isTrue();
            assertThat(reason(w.verifier().verify(c, API.requiringCapability("write"))))
                    .isEqualTo(Reason.CAPABILITY_NOT_ALLOWED);
            w.verifierClock = Fixtures.clockAt(java.time.Instant.ofEpochSecond(EXPIRY - 100));
            assertThat(reason(w.verifier().verify(c, API))).isEqualTo(Reason.EXPIRED);
        }

        @Test
        void wideningMakesTheTokenInvalid() {
            Credential base = w.paidCredential();
            assertThat(reason(w.verifier().verify(w.attenuate(base, "api_valid_until=" + (EXPIRY + 1)), API)))
                    .isEqualTo(Reason.EXPIRED);
            assertThat(reason(w.verifier().verify(w.attenuate(base, "api_capabilities=read,admin"),
                    API.requiringCapability("read")))).isEqualTo(Reason.CAPABILITY_NOT_ALLOWED);
            assertThat(reason(w.verifier().verify(w.attenuate(base, "services=api:1,other:0"), API)))
                    .isEqualTo(Reason.SERVICE_NOT_ALLOWED);
        }

        @Test
        void attenuationCannotRaiseTheTier() {
            Credential c = w.attenuate(w.paidCredential(), "services=api:2");
            assertThat(reason(w.verifier().verify(c, API))).isEqualTo(Reason.SERVICE_NOT_ALLOWED);
        }

        @Test
        void onlyTheLastOfEachConditionIsEvaluated() {
            Credential multi = custom("services=api:0,other:3", "services=other:3");
            assertThat(reason(w.verifier().verify(multi, API))).isEqualTo(Reason.SERVICE_NOT_ALLOWED);
            VerificationResult r = w.verifier().verify(multi, RequestContext.forService("other"));
            assertThat(((VerificationResult.Valid) r).tier()).isEqualTo(3);
            Credential exp = custom("services=api:0", "api_valid_until=" + (EXPIRY + 10_000),
                    "api_valid_until=" + (Fixtures.NOW.getEpochSecond() - 1));
            assertThat(reason(w.verifier().verify(exp, API))).isEqualTo(Reason.EXPIRED);
        }

        @Test
        void unknownConditionsAreSkipped() {
            Credential c = w.attenuate(w.paidCredential(), "foo=bar", "no condition here", "other_valid_until=1",
                    "other_capabilities=", "preimage=zz", "=x", "weird==");
            VerificationResult r = w.verifier().verify(c, API.requiringCapability("read"));
            assertThat(r.isValid()).isTrue();
            assertThat(((VerificationResult.Valid) r).caveats()).extracting(L402Caveat::condition)
                    .contains("foo", "other_valid_until", "preimage", "", "weird")
                    .doesNotContain("no condition here");
        }

        @Test
        void malformedValuesOfKnownConditionsFail() {
            assertThat(reason(w.verifier().verify(custom("services=api"), API))).isEqualTo(Reason.SERVICE_NOT_ALLOWED);
            assertThat(reason(w.verifier().verify(custom("services=api:256"), API)))
                    .isEqualTo(Reason.SERVICE_NOT_ALLOWED);
            assertThat(reason(w.verifier().verify(custom("services=api:0", "services="), API)))
                    .isEqualTo(Reason.SERVICE_NOT_ALLOWED);
            assertThat(reason(w.verifier().verify(custom("services=api:0", "api_valid_until=soon"), API)))
                    .isEqualTo(Reason.EXPIRED);
            assertThat(reason(w.verifier().verify(custom("services=api:0", "api_valid_until=99999999999999999999"),
                    API))).isEqualTo(Reason.EXPIRED);
            assertThat(reason(w.verifier().verify(custom("services=api:0", "api_capabilities=a,,b"), API)))
                    .isEqualTo(Reason.CAPABILITY_NOT_ALLOWED);
        }

        @Test
        void configuredConstraintsAreEnforced() {
            ConstraintSatisfier maxBytes = ConstraintSatisfier.atMost("api_max_bytes", "bytes");
            Challenge ch = w.mint(World.defaultSpec().constraint(L402Caveat.constraint("api_max_bytes", "100")).build());
            Credential c = new Credential(ch.macaroon(), w.lightning.pay(ch));
            L402Verifier v = w.verifier(maxBytes);
            assertThat(v.verify(c, API.withInput("bytes", "100")).isValid()).isTrue();
            assertThat(reason(v.verify(c, API.withInput("bytes", "101")))).isEqualTo(Reason.CONSTRAINT_VIOLATED);
            assertThat(reason(v.verify(c, API))).isEqualTo(Reason.CONSTRAINT_VIOLATED);
            assertThat(reason(v.verify(w.attenuate(c, "api_max_bytes=200"), API.withInput("bytes", "50"))))
                    .isEqualTo(Reason.CONSTRAINT_VIOLATED);
            Credential narrowed = w.attenuate(c, "api_max_bytes=80");
            assertThat(v.verify(narrowed, API.withInput("bytes", "80")).isValid()).isTrue();
            assertThat(reason(v.verify(narrowed, API.withInput("bytes", "90")))).isEqualTo(Reason.CONSTRAINT_VIOLATED);
            // a verifier that does not know the constraint skips it (aperture semantics)
            assertThat(w.verifier().verify(c, API.withInput("bytes", "101")).isValid()).isTrue();
        }

        @Test
        void exactInputConstraintAndThrowingSatisfiersFailClosed() {
            Credential c = custom("services=api:0", "api_region=eu");
            assertThat(w.verifier(ConstraintSatisfier.exactInput("api_region", "region"))
                    .verify(c, API.withInput("region", "eu")).isValid()).isTrue();
            assertThat(reason(w.verifier(ConstraintSatisfier.exactInput("api_region", "region"))
                    .verify(c, API.withInput("region", "us")))).isEqualTo(Reason.CONSTRAINT_VIOLATED);
            ConstraintSatisfier boom = new ConstraintSatisfier() {
                @Override
                public String condition() {
                    return "api_region";
                }

                @Override
                public boolean narrows(String previous, String current) {
                    throw new IllegalStateException();
                }

                @Override
                public boolean isSatisfied(String value, RequestContext request) {
                    throw new IllegalStateException();
                }
            };
            assertThat(reason(w.verifier(boom).verify(c, API))).isEqualTo(Reason.CONSTRAINT_VIOLATED);
        }
    }

    @Test
    void verifierIsSafeToShareAcrossThreads() throws Exception {
        L402Verifier v = w.verifier();
        List<Credential> creds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            creds.add(w.paidCredential());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Credential c = creds.get(i % creds.size());
                        if (!v.verify(c, API.requiringCapability("read")).isValid()) {
                            return false;
                        }
                        Credential bad = new Credential(c.macaroon().addFirstPartyCaveat("x=y"), c.preimage());
                        Macaroon bm = bad.macaroon();
                        Credential forged = new Credential(Macaroon.of(bm.location(), bm.identifier(),
                                bm.caveats().subList(0, 1), bm.signature()), c.preimage());
                        if (v.verify(forged, API).isValid()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : fs) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resultsCarryNoSecrets() {
        Credential c = w.paidCredential();
        assertThat(c.toString()).contains("preimage=redacted").doesNotContain(c.preimage().toHex());
        assertThat(Optional.of(w.verifier().verify(c, API)).map(Object::toString).orElseThrow())
                .doesNotContain(c.preimage().toHex());
    }
}
