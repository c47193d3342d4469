package dev.turnpike.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.hosting.HeldLimits;
import dev.turnpike.gateway.hosting.Hold;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The places for held requests: a reserve for authenticated holds, caps per network and scope, kinds apart. */
class HeldRequestsTest {

    private static final Hold ANONYMOUS_ON_A = new Hold("a", false);
    private static final Hold APP_ON_A = new Hold("a", true);

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static int status(HeldRequests.Taken taken) {
        return taken instanceof HeldRequests.Full full ? full.answer().status() : 0;
    }

    @Test
    void anonymousHoldsLeaveTheReserveToAuthenticatedOnes() throws Exception {
        HeldRequests held = new HeldRequests(new HeldLimits(4, 1, 100, 100));
        for (int i = 0; i < 3; i++) {
            assertThat(held.take(ip("10.0.0." + i), Hold.ANONYMOUS)).isInstanceOf(HeldRequests.Place.class);
        }
        assertThat(status(held.take(ip("10.9.0.1"), Hold.ANONYMOUS))).isEqualTo(503);
        assertThat(held.take(ip("10.9.0.1"), APP_ON_A)).isInstanceOf(HeldRequests.Place.class);
        assertThat(status(held.take(ip("10.8.0.1"), APP_ON_A))).as("the total").isEqualTo(503);
    }

    @Test
    void networksAndScopesAreCappedForEachKindApartAndPlacesComeBack() throws Exception {
        HeldRequests held = new HeldRequests(new HeldLimits(100, 10, 3, 2));
        List<HeldRequests.Place> places = new ArrayList<>();
        places.add((HeldRequests.Place) held.take(ip("192.0.2.1"), ANONYMOUS_ON_A));
        places.add((HeldRequests.Place) held.take(ip("192.0.2.2"), ANONYMOUS_ON_A));
        assertThat(status(held.take(ip("198.51.100.1"), ANONYMOUS_ON_A))).as("the scope").isEqualTo(429);
        places.add((HeldRequests.Place) held.take(ip("192.0.2.3"), new Hold("b", false)));
        assertThat(status(held.take(ip("192.0.2.200"), new Hold("c", false)))).as("the /24").isEqualTo(429);
        assertThat(held.take(ip("192.0.2.4"), APP_ON_A)).as("another kind").isInstanceOf(HeldRequests.Place.class);
        assertThat(held.take(ip("198.51.100.1"), new Hold("c", false))).isInstanceOf(HeldRequests.Place.class);

        places.forEach(held::release);
        assertThat(held.take(ip("192.0.2.5"), ANONYMOUS_ON_A)).isInstanceOf(HeldRequests.Place.class);
        assertThat(held.take(ip("192.0.2.6"), ANONYMOUS_ON_A)).isInstanceOf(HeldRequests.Place.class);
        assertThat(held.take(ip("192.0.2.7"), new Hold("d", false))).isInstanceOf(HeldRequests.Place.class);
    }
}
