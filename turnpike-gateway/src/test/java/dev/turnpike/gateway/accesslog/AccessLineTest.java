package dev.turnpike.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an access line keeps of a request target: the path and the names of the query parameters, nothing else. */
class AccessLineTest {

    @Test
    void queryValuesAreDroppedAndTheirNamesKept() {
        assertThat(AccessLine.target("/quotes/today?api_key=sk-123&page=2")).isEqualTo("/quotes/today?api_key&page");
        assertThat(AccessLine.target("/a?")).isEqualTo("/a");
        assertThat(AccessLine.target("/a?x=1#frag")).isEqualTo("/a?x");
    }

    @Test
    void aBareWordOrAnOddNameInTheQueryIsLeftOutAsItMayBeASecret() {
        assertThat(AccessLine.target("/a?sk-live-secret")).isEqualTo("/a");
        assertThat(AccessLine.target("/a?tok%3Dsecret=1&ok=2")).isEqualTo("/a?ok");
        assertThat(AccessLine.target("/a?" + "k".repeat(65) + "=1")).isEqualTo("/a");
    }

    @Test
    void anAbsoluteTargetLosesItsSchemeAndAuthorityWithAnyPassword() {
        assertThat(AccessLine.target("http://user:pw@example.com/a/b?key=secret")).isEqualTo("/a/b?key");
        assertThat(AccessLine.target("http://user:pw@example.com")).isEqualTo("/");
        assertThat(AccessLine.target("/redirect?to=http://x/y")).isEqualTo("/redirect?to");
    }

    @Test
    void aLongPathIsCut() {
        String line = AccessLine.target("/" + "a".repeat(5000));
        assertThat(line).hasSize(AccessLine.MAX_TARGET).endsWith(AccessLine.CUT);
    }
}
