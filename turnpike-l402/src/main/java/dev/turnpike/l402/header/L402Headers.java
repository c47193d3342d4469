package dev.turnpike.l402.header;

import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Caveat;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.macaroon.Caveat;
import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.MacaroonCodec;
import dev.turnpike.l402.macaroon.MacaroonFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * L402 HTTP header codec (no I/O: callers pass header values in and get values out).
 *
 * <h2>Challenge (server → client, {@code WWW-Authenticate})</h2>
 * {@link #challengeValues(Challenge)} yields two values, in this order (as aperture, for old clients):
 * <pre>
 *   LSAT macaroon="&lt;std base64 V2&gt;", invoice="&lt;bolt11&gt;"
 *   L402 macaroon="&lt;std base64 V2&gt;", invoice="&lt;bolt11&gt;"
 * </pre>
 * {@link #parseChallenge(String)} accepts scheme {@code L402} or {@code LSAT} in any case, parameters
 * {@code macaroon} or {@code token}, {@code invoice} and an optional {@code version} that must be {@code 0}
 * (others ignored), values quoted (with backslash escapes) or bare, names in any case. A value holds one challenge.
 *
 * <h2>Credential (client → server)</h2>
 * {@link #parseCredential(Function)} looks at, in order (aperture's precedence):
 * <ol>
 *   <li>every {@code Authorization} value: {@code L402|LSAT <b64 macaroon>[,<b64 macaroon>…]:<hex preimage>} — scheme
 *       in any case, one or more spaces/tabs after it, base64 standard or URL-safe with or without padding, optional
 *       whitespace around the commas, preimage 64 hex digits in any case. Values of other schemes are skipped. The
 *       first value that parses wins; if some had our scheme but none parsed, the result is that error.</li>
 *   <li>otherwise the first non-blank value of {@code Grpc-Metadata-Token}, {@code Token},
 *       {@code Grpc-Metadata-Macaroon}, {@code Macaroon}: a hex-encoded macaroon carrying a {@code preimage=<hex>}
 *       caveat (the last one counts, as aperture's {@code HasCaveat}).</li>
 * </ol>
 * When several macaroons are given, every one must decode but only the <b>first</b> is used (as aperture; the
 * others would be discharge macaroons, which L402 does not use). At most {@value #MAX_MACAROONS} are accepted.
 *
 * <h2>Bounds</h2>
 * A credential header value longer than {@value #MAX_CREDENTIAL_VALUE_LENGTH} characters (8 KiB) and a challenge
 * value longer than {@value #MAX_CHALLENGE_VALUE_LENGTH} characters are rejected with
 * {@link ParseResult.Error#TOO_LARGE}; at most {@value #MAX_HEADER_VALUES} values per header name are examined.
 * Parsing never throws: every problem is a {@link ParseResult.Err}.
 */
public final class L402Headers {
    public static final String AUTHORIZATION = "Authorization";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String GRPC_METADATA_TOKEN = "Grpc-Metadata-Token";
    public static final String TOKEN = "Token";
    public static final String GRPC_METADATA_MACAROON = "Grpc-Metadata-Macaroon";
    public static final String MACAROON = "Macaroon";

    /** Longest accepted credential header value (8 KiB). */
    public static final int MAX_CREDENTIAL_VALUE_LENGTH = 8 * 1024;
    /** Longest accepted challenge header value (16 KiB: BOLT11 invoices with route hints can be long). */
    public static final int MAX_CHALLENGE_VALUE_LENGTH = 16 * 1024;
    /** Most values of one header name that are examined. */
    public static final int MAX_HEADER_VALUES = 16;
    /** Most macaroons accepted in one Authorization value. */
    public static final int MAX_MACAROONS = 8;

    private static final List<String> TOKEN_HEADERS = List.of(GRPC_METADATA_TOKEN, TOKEN, GRPC_METADATA_MACAROON, MACAROON);
    private static final ValueKind AUTHORIZATION_VALUE = new ValueKind(MAX_CREDENTIAL_VALUE_LENGTH,
            "Authorization value too large", "not an L402 Authorization value", "missing token after scheme");
    private static final ValueKind CHALLENGE_VALUE = new ValueKind(MAX_CHALLENGE_VALUE_LENGTH,
            "challenge value too large", "not an L402 challenge", "missing parameters");

    private L402Headers() {}

    // ------------------------------------------------------------------ formatting

    /** The two {@code WWW-Authenticate} values for {@code challenge}: LSAT first, then L402. */
    public static List<String> challengeValues(Challenge challenge) {
        String invoice = challenge.invoice();
        for (int i = 0; i < invoice.length(); i++) {
            char c = invoice.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("invoice contains a character not allowed in a header");
            }
        }
        String params = " macaroon=\"" + MacaroonCodec.encodeBase64(challenge.macaroon()) + "\", invoice=\""
                + invoice + "\"";
        return List.of("LSAT" + params, "L402" + params);
    }

    /** The {@code Authorization} value a client sends: {@code L402 <std base64 macaroon>:<hex preimage>}. */
    public static String authorizationValue(Credential credential) {
        return "L402 " + MacaroonCodec.encodeBase64(credential.macaroon()) + ":" + credential.preimage().toHex();
    }

    /**
     * The value of a {@code Macaroon} / {@code Grpc-Metadata-Macaroon} header: the hex macaroon with a
     * {@code preimage=<hex>} caveat appended (client-side attenuation).
     */
    public static String macaroonHeaderValue(Credential credential) {
        Macaroon withPreimage = credential.macaroon()
                .addFirstPartyCaveat(L402Caveat.preimage(credential.preimage()).encode());
        return MacaroonCodec.encodeHex(withPreimage);
    }

    // ------------------------------------------------------------------ credential parsing

    /**
     * Parses the credential of a request. {@code headerValues} returns all values of a header name (matched
     * case-insensitively by the caller; null or empty if absent).
     */
    public static ParseResult<Credential> parseCredential(Function<String, List<String>> headerValues) {
        Objects.requireNonNull(headerValues, "headerValues");
        List<String> auth = safeValues(headerValues, AUTHORIZATION);
        ParseResult<Credential> fromAuth = parseAuthorization(auth);
        if (fromAuth.isOk() || ((ParseResult.Err<Credential>) fromAuth).error() != ParseResult.Error.ABSENT) {
            return fromAuth;
        }
        for (String name : TOKEN_HEADERS) {
            for (String v : safeValues(headerValues, name)) {
                if (v != null && !v.isBlank()) {
                    return parseMacaroonHeader(v);
                }
            }
        }
        return err(ParseResult.Error.ABSENT, "no L402 credential header");
    }

    /** {@link #parseCredential(Function)} over a header map whose names are matched case-insensitively. */
    public static ParseResult<Credential> parseCredential(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new HashMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                lower.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(e.getValue());
            }
        }
        return parseCredential(name -> lower.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Parses every {@code Authorization} value (see class doc); {@code ABSENT} if none uses our scheme. */
    public static ParseResult<Credential> parseAuthorization(List<String> values) {
        return firstParsed(values, L402Headers::parseAuthorizationValue, "no L402 Authorization value");
    }

    /** Parses one {@code Authorization} value; {@code ABSENT} if its scheme is not L402/LSAT. */
    public static ParseResult<Credential> parseAuthorizationValue(String value) {
        return parseSchemeValue(value, AUTHORIZATION_VALUE, L402Headers::parseAuthorizationToken);
    }

    /** {@code <b64 macaroon>[,…]:<hex preimage>}, the part of an Authorization value after the scheme. */
    private static ParseResult<Credential> parseAuthorizationToken(String value, int pos, int end) {
        int colon = value.lastIndexOf(':', end - 1);
        if (colon < pos) {
            return err(ParseResult.Error.MALFORMED, "missing ':' before preimage");
        }
        Preimage preimage = parsePreimage(value.substring(colon + 1, end));
        if (preimage == null) {
            return err(ParseResult.Error.MALFORMED, "preimage must be 64 hex digits");
        }
        Macaroon first = null;
        int count = 0;
        int start = pos;
        while (true) {
            int comma = value.indexOf(',', start);
            int itemEnd = comma < 0 || comma > colon ? colon : comma;
            int a = skipWs(value, start, itemEnd);
            int b = itemEnd;
            while (b > a && isWs(value.charAt(b - 1))) {
                b--;
            }
            if (a == b) {
                return err(ParseResult.Error.MALFORMED, "empty macaroon");
            }
            if (++count > MAX_MACAROONS) {
                return err(ParseResult.Error.MALFORMED, "too many macaroons");
            }
            Macaroon m;
            try {
                m = MacaroonCodec.decodeBase64(value.substring(a, b));
            } catch (MacaroonFormatException e) {
                return err(ParseResult.Error.MALFORMED, "bad macaroon: " + e.getMessage());
            }
            if (first == null) {
                first = m;
            }
            if (itemEnd == colon) {
                break;
            }
            start = itemEnd + 1;
        }
        return new ParseResult.Ok<>(new Credential(first, preimage));
    }

    /**
     * Parses a {@code Macaroon} / {@code Grpc-Metadata-Macaroon} / {@code Token} / {@code Grpc-Metadata-Token}
     * value: a hex macaroon whose last {@code preimage=} caveat holds the preimage.
     */
    public static ParseResult<Credential> parseMacaroonHeader(String value) {
        if (value == null) {
            return err(ParseResult.Error.ABSENT, "no value");
        }
        if (value.length() > MAX_CREDENTIAL_VALUE_LENGTH) {
            return err(ParseResult.Error.TOO_LARGE, "macaroon header value too large");
        }
        String hex = value.strip();
        Macaroon m;
        try {
            m = MacaroonCodec.decodeHex(hex);
        } catch (MacaroonFormatException e) {
            return err(ParseResult.Error.MALFORMED, "bad macaroon: " + e.getMessage());
        }
        String preimageHex = null;
        for (Caveat c : m.caveats()) {
            if (!c.isFirstParty()) {
                continue;
            }
            L402Caveat cav = L402Caveat.parse(c.idAsString());
            if (cav != null && cav.condition().equals(L402Caveat.PREIMAGE)) {
                preimageHex = cav.value();
            }
        }
        if (preimageHex == null) {
            return err(ParseResult.Error.MALFORMED, "preimage caveat not found");
        }
        Preimage p = parsePreimage(preimageHex);
        if (p == null) {
            return err(ParseResult.Error.MALFORMED, "preimage caveat must be 64 hex digits");
        }
        return new ParseResult.Ok<>(new Credential(m, p));
    }

    // ------------------------------------------------------------------ challenge parsing

    /** Parses {@code WWW-Authenticate} values: the first one that parses wins (L402 and LSAT alike). */
    public static ParseResult<Challenge> parseChallenges(List<String> values) {
        return firstParsed(values, L402Headers::parseChallenge, "no L402 challenge");
    }

    /** Parses one {@code WWW-Authenticate} value (see class doc). */
    public static ParseResult<Challenge> parseChallenge(String value) {
        return parseSchemeValue(value, CHALLENGE_VALUE, L402Headers::parseChallengeParams);
    }

    /** The {@code name=value, …} parameters of a challenge value, after the scheme. */
    private static ParseResult<Challenge> parseChallengeParams(String value, int pos, int end) {
        Map<String, String> params = new HashMap<>();
        while (pos < end) {
            int nameStart = pos;
            while (pos < end && isTokenChar(value.charAt(pos))) {
                pos++;
            }
            if (pos == nameStart) {
                return err(ParseResult.Error.MALFORMED, "bad parameter name");
            }
            String name = value.substring(nameStart, pos).toLowerCase(Locale.ROOT);
            pos = skipWs(value, pos, end);
            if (pos >= end || value.charAt(pos) != '=') {
                return err(ParseResult.Error.MALFORMED, "missing '='");
            }
            pos = skipWs(value, pos + 1, end);
            String v;
            if (pos < end && value.charAt(pos) == '"') {
                StringBuilder sb = new StringBuilder();
                pos++;
                boolean closed = false;
                while (pos < end) {
                    char c = value.charAt(pos++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\') {
                        if (pos >= end) {
                            break;
                        }
                        c = value.charAt(pos++);
                    }
                    sb.append(c);
                }
                if (!closed) {
                    return err(ParseResult.Error.MALFORMED, "unterminated quoted value");
                }
                v = sb.toString();
            } else {
                int vs = pos;
                while (pos < end && value.charAt(pos) != ',' && value.charAt(pos) != '"' && !isWs(value.charAt(pos))) {
                    pos++;
                }
                v = value.substring(vs, pos);
            }
            if (params.put(name, v) != null) {
                return err(ParseResult.Error.MALFORMED, "duplicate parameter " + name);
            }
            pos = skipWs(value, pos, end);
            if (pos < end) {
                if (value.charAt(pos) != ',') {
                    return err(ParseResult.Error.MALFORMED, "expected ','");
                }
                pos = skipWs(value, pos + 1, end);
            }
        }
        String version = params.get("version");
        if (version != null && !version.equals("0")) {
            return err(ParseResult.Error.UNSUPPORTED_VERSION, "unsupported L402 version");
        }
        String mac = params.get("macaroon");
        String token = params.get("token");
        if (mac != null && token != null) {
            return err(ParseResult.Error.MALFORMED, "both macaroon and token given");
        }
        if (mac == null) {
            mac = token;
        }
        String invoice = params.get("invoice");
        if (mac == null || invoice == null || invoice.isEmpty()) {
            return err(ParseResult.Error.MALFORMED, "macaroon/token and invoice are required");
        }
        try {
            return new ParseResult.Ok<>(new Challenge(MacaroonCodec.decodeBase64(mac), invoice));
        } catch (MacaroonFormatException e) {
            return err(ParseResult.Error.MALFORMED, "bad macaroon: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Limit and error details of one kind of scheme-prefixed header value. */
    private record ValueKind(int maxLength, String tooLarge, String otherScheme, String nothingAfterScheme) {}

    /** Parses what follows the scheme: {@code value[pos, end)}, non-empty, starting and ending with no whitespace. */
    @FunctionalInterface
    private interface AfterScheme<T> {
        ParseResult<T> parse(String value, int pos, int end);
    }

    /**
     * The shared start of both value kinds: bound the length, trim, and require our scheme followed by whitespace
     * and something else; {@code rest} parses that remainder.
     */
    private static <T> ParseResult<T> parseSchemeValue(String value, ValueKind kind, AfterScheme<T> rest) {
        if (value == null) {
            return err(ParseResult.Error.ABSENT, "no value");
        }
        if (value.length() > kind.maxLength()) {
            return err(ParseResult.Error.TOO_LARGE, kind.tooLarge());
        }
        int end = trimEnd(value);
        int pos = skipWs(value, 0, end);
        int schemeEnd = pos;
        while (schemeEnd < end && !isWs(value.charAt(schemeEnd))) {
            schemeEnd++;
        }
        if (!isOurScheme(value, pos, schemeEnd)) {
            return err(ParseResult.Error.ABSENT, kind.otherScheme());
        }
        pos = skipWs(value, schemeEnd, end);
        if (pos == schemeEnd) {
            return err(ParseResult.Error.MALFORMED, kind.nothingAfterScheme());
        }
        return rest.parse(value, pos, end);
    }

    /**
     * Parses at most {@value #MAX_HEADER_VALUES} values in order: the first that parses wins; otherwise the first
     * error other than {@code ABSENT} (a value of ours that is broken), else {@code ABSENT}. {@code parseOne}
     * must answer {@code ABSENT} for null, so null values count toward the limit but are otherwise skipped.
     */
    private static <T> ParseResult<T> firstParsed(List<String> values, Function<String, ParseResult<T>> parseOne,
            String absentDetail) {
        ParseResult<T> firstError = null;
        int n = 0;
        for (String v : values) {
            if (++n > MAX_HEADER_VALUES) {
                break;
            }
            ParseResult<T> r = parseOne.apply(v);
            if (r.isOk()) {
                return r;
            }
            if (firstError == null && ((ParseResult.Err<T>) r).error() != ParseResult.Error.ABSENT) {
                firstError = r;
            }
        }
        return firstError != null ? firstError : err(ParseResult.Error.ABSENT, absentDetail);
    }

    private static List<String> safeValues(Function<String, List<String>> lookup, String name) {
        List<String> v = lookup.apply(name);
        return v == null ? List.of() : v;
    }

    private static Preimage parsePreimage(String hex) {
        if (hex.length() != 64) {
            return null;
        }
        for (int i = 0; i < 64; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return null;
            }
        }
        return Preimage.fromHex(hex);
    }

    private static boolean isOurScheme(String s, int from, int to) {
        return to - from == 4 && (s.regionMatches(true, from, "L402", 0, 4) || s.regionMatches(true, from, "LSAT", 0, 4));
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t';
    }

    private static int skipWs(String s, int pos, int end) {
        while (pos < end && isWs(s.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static int trimEnd(String s) {
        int end = s.length();
        while (end > 0 && isWs(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static <T> ParseResult<T> err(ParseResult.Error e, String detail) {
        return new ParseResult.Err<>(e, detail);
    }
}
