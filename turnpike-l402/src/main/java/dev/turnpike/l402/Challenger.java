package dev.turnpike.l402;

/**
 * Creates the Lightning invoice for a new token (aperture's {@code mint.Challenger}). Implemented by the Lightning
 * module; must be thread-safe.
 */
@FunctionalInterface
public interface Challenger {
    /**
     * @param price the amount to charge
     * @param memo  the invoice description
     * @throws StoreException if the Lightning backend failed (the mint fails)
     */
    Invoice newInvoice(Price price, String memo) throws StoreException;
}
