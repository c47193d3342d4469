package dev.turnpike.l402.header;

import static dev.turnpike.l402.header.L402HeadersTest.HEX;
import static dev.turnpike.l402.header.L402HeadersTest.STD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact errors (kind and detail, which callers show) of the scheme prefix and of the multi-value rules. */
class HeaderErrorDetailsTest {
    static ParseResult<?> err(ParseResult.Error e, String detail) {
        return new ParseResult.Err<>(e, detail);
    }

    @Test
    void authorizationValuePrefix() {
        assertThat(L402Headers.parseAuthorizationValue(null)).isEqualTo(err(ParseResult.Error.ABSENT, "no value"));
        assertThat(L402Headers.parseAuthorizationValue("L402 " + "A".repeat(L402Headers.MAX_CREDENTIAL_VALUE_LENGTH)))
                .isEqualTo(err(ParseResult.Error.TOO_LARGE, "Authorization value too large"));
        for (String other : new String[] {"", " \t", "Bearer x", "L4020 x:" + HEX, "L40 x", "\tBasic"}) {
            assertThat(L402Headers.parseAuthorizationValue(other)).as(other)
                    .isEqualTo(err(ParseResult.Error.ABSENT, "not an L402 Authorization value"));
        }
        for (String bare : new String[] {"L402", " lsat \t", "L402\t"}) {
            assertThat(L402Headers.parseAuthorizationValue(bare)).as(bare)
                    .isEqualTo(err(ParseResult.Error.MALFORMED, "missing token after scheme"));
        }
        assertThat(L402Headers.parseAuthorizationValue(" \tlSaT \t" + STD + ":" + HEX + " \t").isOk()).isTrue();
        assertThat(L402Headers.parseAuthorizationValue("L402 " + STD))
                .isEqualTo(err(ParseResult.Error.MALFORMED, "missing ':' before preimage"));
    }

    @Test
    void challengeValuePrefix() {
        assertThat(L402Headers.parseChallenge(null)).isEqualTo(err(ParseResult.Error.ABSENT, "no value"));
        assertThat(L402Headers.parseChallenge("L402 " + "A".repeat(L402Headers.MAX_CHALLENGE_VALUE_LENGTH)))
                .isEqualTo(err(ParseResult.Error.TOO_LARGE, "challenge value too large"));
        for (String other : new String[] {"", "Bearer realm=\"x\"", "LSATx macaroon=\"a\""}) {
            assertThat(L402Headers.parseChallenge(other)).as(other)
                    .isEqualTo(err(ParseResult.Error.ABSENT, "not an L402 challenge"));
        }
        for (String bare : new String[] {"L402", "\tLSAT  "}) {
            assertThat(L402Headers.parseChallenge(bare)).as(bare)
                    .isEqualTo(err(ParseResult.Error.MALFORMED, "missing parameters"));
        }
        assertThat(L402Headers.parseChallenge(" l402\t macaroon=\"" + STD + "\", invoice=lnbc1 ").isOk()).isTrue();
    }

    @Test
    void multipleValuesFirstParsedWinsElseFirstRealError() {
        String goodAuth = "L402 " + STD + ":" + HEX;
        String goodChallenge = "L402 macaroon=\"" + STD + "\", invoice=\"lnbc1\"";
        assertThat(L402Headers.parseAuthorization(List.of()))
                .isEqualTo(err(ParseResult.Error.ABSENT, "no L402 Authorization value"));
        assertThat(L402Headers.parseChallenges(List.of()))
                .isEqualTo(err(ParseResult.Error.ABSENT, "no L402 challenge"));
        assertThat(L402Headers.parseAuthorization(Arrays.asList(null, "L402", "LSAT x", goodAuth)).isOk()).isTrue();
        assertThat(L402Headers.parseChallenges(Arrays.asList(null, "L402", goodChallenge)).isOk()).isTrue();
        assertThat(L402Headers.parseAuthorization(Arrays.asList(null, "Bearer x", "L402", "LSAT " + STD)))
                .isEqualTo(err(ParseResult.Error.MALFORMED, "missing token after scheme"));
        assertThat(L402Headers.parseChallenges(Arrays.asList(null, "Bearer x", "L402", "LSAT a")))
                .isEqualTo(err(ParseResult.Error.MALFORMED, "missing parameters"));

        // only the first MAX_HEADER_VALUES values count, nulls included
        List<String> auth = new ArrayList<>(Collections.nCopies(L402Headers.MAX_HEADER_VALUES, (String) null));
        List<String> challenges = new ArrayList<>(auth);
        auth.add(goodAuth);
        challenges.add(goodChallenge);
        assertThat(L402Headers.parseAuthorization(auth))
                .isEqualTo(err(ParseResult.Error.ABSENT, "no L402 Authorization value"));
        assertThat(L402Headers.parseChallenges(challenges)).isEqualTo(err(ParseResult.Error.ABSENT, "no L402 challenge"));
        auth.set(L402Headers.MAX_HEADER_VALUES - 1, goodAuth);
        challenges.set(L402Headers.MAX_HEADER_VALUES - 1, goodChallenge);
        assertThat(L402Headers.parseAuthorization(auth).isOk()).isTrue();
        assertThat(L402Headers.parseChallenges(challenges).isOk()).isTrue();
    }
}
