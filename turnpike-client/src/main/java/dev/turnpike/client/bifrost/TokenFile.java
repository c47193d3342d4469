package dev.turnpike.client.bifrost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.io.PrivateFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the application keeps the delegation token it got: a JSON file only its owner can read (0600, written
 * atomically), e.g.
 *
 * <pre>{@code
 * {"type":"turnpike-bifrost-delegation","token":"eyJ…","issuer":"<base58 wallet key>","name":"…",
 *  "created":"2025-04-28T08:50:41Z","expiration":"2025-04-28T20:50:41Z","bifrost":"https://bridge.example"}
 * }</pre>
 * {@code token} is the bearer credential for the API ({@code jq -r .token}); the rest is for people and tools. Once
 * the token has been renewed ({@link RenewingCredential}) the file also holds the bridge's latest renew certificate:
 * {@code "renew_cert":"eyJ…","renew_cert_created":"…","renew_cert_expiration":"…"}.
 */
public final class TokenFile {

    static final String TYPE = "turnpike-bifrost-delegation";
    private static final int MAX_FILE_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenFile() {}

    /**
     * What a token file holds: the token, its times, the bridge it came from, and the latest renew certificate.
     *
     * @param certificate empty until the token was renewed
     */
    public record Stored(String token, Instant created, Instant expiration, URI bridge,
            Optional<RenewingCredential.Certificate> certificate) {}

    /**
     * The token (the compact JWS) stored in {@code file} by {@link #write}.
     *
     * @throws IOException if the file cannot be read or holds no token of this type
     */
    public static String readToken(Path file) throws IOException {
        return json(file).get("token").textValue();
    }

    /**
     * Everything {@code file} holds.
     *
     * @throws IOException if the file cannot be read, holds no token of this type, or its times or bridge are missing
     */
    public static Stored read(Path file) throws IOException {
        JsonNode json = json(file);
        try {
            Optional<RenewingCredential.Certificate> cert = json.path("renew_cert").isTextual()
                    ? Optional.of(new RenewingCredential.Certificate(json.get("renew_cert").textValue(),
                            Instant.parse(json.path("renew_cert_created").asText()),
                            Instant.parse(json.path("renew_cert_expiration").asText())))
                    : Optional.empty();
            return new Stored(json.get("token").textValue(), Instant.parse(json.path("created").asText()),
                    Instant.parse(json.path("expiration").asText()), URI.create(json.path("bifrost").asText()), cert);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IOException(file + " is not a complete token file (created, expiration, bifrost): "
                    + e.getMessage());
        }
    }

    /** Adds (or replaces) the renew certificate in {@code file}, keeping the rest. */
    public static void writeCertificate(Path file, RenewingCredential.Certificate certificate) throws IOException {
        ObjectNode json = (ObjectNode) json(file);
        json.put("renew_cert", certificate.certificate())
                .put("renew_cert_created", certificate.created().toString())
                .put("renew_cert_expiration", certificate.expiration().toString());
        PrivateFiles.writeAtomically(file, (json.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + " is not a token file: larger than " + MAX_FILE_BYTES + " bytes");
        }
        JsonNode json;
        try {
            json = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a token file: not JSON");
        }
        if (json == null || !TYPE.equals(json.path("type").asText()) || !json.path("token").isTextual()) {
            throw new IOException(file + " is not a token file (type " + TYPE + " with a token)");
        }
        return json;
    }

    /** Writes {@code token}, obtained through {@code bridge}, to {@code file}, replacing what was there. */
    public static void write(Path file, DelegationToken token, URI bridge) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(bridge, "bridge");
        ObjectNode json = JSON.createObjectNode()
                .put("type", TYPE)
                .put("token", token.compact())
                .put("issuer", token.issuer().toBase58())
                .put("name", token.attributes().name().orElse(null))
                .put("created", token.created().toString())
                .put("expiration", token.expiration().toString())
                .put("bifrost", bridge.toString());
        PrivateFiles.createDirectory(file.toAbsolutePath().getParent());
        PrivateFiles.writeAtomically(file, (json.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
