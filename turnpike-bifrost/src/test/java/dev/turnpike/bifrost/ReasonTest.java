package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReasonTest {

    @Test
    void codesAreUniqueLowerSnakeCaseAndMessagesPresent() {
        assertThat(Arrays.stream(Reason.values()).map(Reason::code).distinct()).hasSize(Reason.values().length);
        for (Reason r : Reason.values()) {
            assertThat(r.code()).as(r.name()).matches("[a-z]+(_[a-z]+)*");
            assertThat(r.message()).as(r.name()).isNotBlank();
        }
    }

    @Test
    void codesAreStableApi() {
        // API clients match on these: changing one is a breaking change
        assertThat(Reason.MALFORMED.code()).isEqualTo("malformed_token");
        assertThat(Reason.UNSUPPORTED_ALGORITHM.code()).isEqualTo("unsupported_algorithm");
        assertThat(Reason.NONCE_MISMATCH.code()).isEqualTo("nonce_mismatch");
        assertThat(Reason.PERMISSIONS_WIDENED.code()).isEqualTo("permissions_widened");
        assertThat(Reason.PROOF_MISSING.code()).isEqualTo("proof_missing");
        for (Reason r : Reason.values()) {
            if (r != Reason.MALFORMED) {
                assertThat(r.code()).as(r.name()).isEqualTo(r.name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
