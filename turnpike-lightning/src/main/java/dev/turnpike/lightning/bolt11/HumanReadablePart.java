package dev.turnpike.lightning.bolt11;

import dev.turnpike.lightning.bolt11.Bolt11Exception.Reason;
import java.math.BigInteger;

/** The human-readable part: "ln", the network's prefix, and an optional amount with multiplier. */
record HumanReadablePart(Network network, long amountMsat) {

    static final long NO_AMOUNT = -1;
    /** 21 million bitcoin, 10^11 millisatoshis each. */
    static final long MAX_AMOUNT_MSAT = 21_000_000L * 100_000_000_000L;

    private static final int MAX_AMOUNT_DIGITS = 20;
    private static final long MSAT_PER_BTC = 100_000_000_000L;
    private static final BigInteger TEN = BigInteger.TEN;

    static HumanReadablePart parse(String hrp) throws Bolt11Exception {
        if (!hrp.startsWith("ln")) {
            throw new Bolt11Exception(Reason.UNKNOWN_PREFIX, "human-readable part '" + hrp + "' does not start with 'ln'");
        }
        Network network = Network.matchPrefix(hrp, 2);
        if (network == null) {
            throw new Bolt11Exception(Reason.UNKNOWN_NETWORK, "unknown currency prefix in '" + hrp + "'");
        }
        String amount = hrp.substring(2 + network.prefix().length());
        return new HumanReadablePart(network, amount.isEmpty() ? NO_AMOUNT : parseAmount(amount));
    }

    private static long parseAmount(String amount) throws Bolt11Exception {
        char last = amount.charAt(amount.length() - 1);
        boolean hasMultiplier = last < '0' || last > '9';
        if (hasMultiplier && "munp".indexOf(last) < 0) {
            throw new Bolt11Exception(Reason.INVALID_MULTIPLIER, "invalid amount multiplier '" + last + "' in '" + amount + "'");
        }
        String digits = hasMultiplier ? amount.substring(0, amount.length() - 1) : amount;
        if (digits.isEmpty()) {
            throw new Bolt11Exception(Reason.INVALID_AMOUNT, "amount '" + amount + "' has no digits");
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new Bolt11Exception(Reason.INVALID_AMOUNT, "amount '" + amount + "' contains non-digit '" + c + "'");
            }
        }
        if (digits.charAt(0) == '0') {
            throw new Bolt11Exception(Reason.INVALID_AMOUNT, "amount '" + amount + "' is zero or has a leading zero");
        }
        if (digits.length() > MAX_AMOUNT_DIGITS) {
            throw new Bolt11Exception(Reason.AMOUNT_TOO_LARGE, "amount '" + amount + "' is more than 21 million bitcoin");
        }
        BigInteger value = new BigInteger(digits);
        BigInteger msat = switch (last) {
            case 'm' -> value.multiply(TEN.pow(8));
            case 'u' -> value.multiply(TEN.pow(5));
            case 'n' -> value.multiply(TEN.pow(2));
            case 'p' -> {
                if (value.mod(TEN).signum() != 0) {
                    throw new Bolt11Exception(Reason.SUB_MILLISATOSHI_AMOUNT,
                            "pico-bitcoin amount '" + amount + "' is not a whole number of millisatoshis");
                }
                yield value.divide(TEN);
            }
            default -> value.multiply(BigInteger.valueOf(MSAT_PER_BTC));
        };
        if (msat.compareTo(BigInteger.valueOf(MAX_AMOUNT_MSAT)) > 0) {
            throw new Bolt11Exception(Reason.AMOUNT_TOO_LARGE, "amount '" + amount + "' is more than 21 million bitcoin");
        }
        return msat.longValueExact();
    }

    /** The shortest amount text for {@code msat}: the largest multiplier that divides it, or none. */
    static String formatAmount(long msat) {
        if (msat % MSAT_PER_BTC == 0) {
            return Long.toString(msat / MSAT_PER_BTC);
        } else if (msat % 100_000_000L == 0) {
            return msat / 100_000_000L + "m";
        } else if (msat % 100_000L == 0) {
            return msat / 100_000L + "u";
        } else if (msat % 100L == 0) {
            return msat / 100L + "n";
        }
        // Appending the digit rather than multiplying by ten cannot overflow.
        return msat + "0p";
    }

    String encode() {
        return "ln" + network.prefix() + (amountMsat == NO_AMOUNT ? "" : formatAmount(amountMsat));
    }
}
