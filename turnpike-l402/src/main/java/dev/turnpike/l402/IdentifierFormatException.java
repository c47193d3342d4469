package dev.turnpike.l402;

/** Thrown by {@link L402Identifier#decode(byte[])}: an identifier of an unknown version or a wrong length. */
public final class IdentifierFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean unknownVersion;

    IdentifierFormatException(boolean unknownVersion, String message) {
        super(message, null, false, false);
        this.unknownVersion = unknownVersion;
    }

    /** True if the version field holds a version other than 0 (the rest was not examined). */
    public boolean unknownVersion() {
        return unknownVersion;
    }
}
