package dev.turnpike.bifrost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON reader and writer of the module: bounded (document length, nesting depth, string, number and name
 * lengths), duplicate keys refused, trailing content refused, non-finite numbers refused, strict UTF-8. Parsing is
 * done from a {@code String}, so no I/O type is involved.
 */
final class Json {
    /** Longest JSON text accepted anywhere in a token (a whole JWS is at most 8 KiB of base64url). */
    static final int MAX_DOCUMENT_CHARS = 8192;
    /** Longest request body text {@link StrictJson} reads. */
    static final int MAX_BODY_CHARS = 64 * 1024;
    /** Deepest nesting accepted by the reader; attributes have their own, lower limit. */
    static final int MAX_NESTING_DEPTH = 16;

    private static final ObjectMapper MAPPER = mapper(MAX_DOCUMENT_CHARS);
    private static final ObjectMapper BODY_MAPPER = mapper(MAX_BODY_CHARS);

    private static ObjectMapper mapper(int maxChars) {
        return JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxDocumentLength(maxChars)
                                .maxNestingDepth(MAX_NESTING_DEPTH)
                                .maxStringLength(maxChars)
                                .maxNameLength(256)
                                .maxNumberLength(32)
                                .build())
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    private Json() {}

    /** A JSON syntax or bounds problem; the message names what was being read. Stackless. */
    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;
        private final StrictJson.Problem problem;

        JsonException(String message) {
            this(StrictJson.Problem.INVALID, message);
        }

        JsonException(StrictJson.Problem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }

        StrictJson.Problem problem() {
            return problem;
        }
    }

    /** Parses strict UTF-8 bytes holding one JSON object. */
    static ObjectNode parseObject(byte[] utf8, String what) throws JsonException {
        return parseObject(decode(utf8, what), what);
    }

    /** Parses text holding one JSON object. */
    static ObjectNode parseObject(String text, String what) throws JsonException {
        return parseObject(text, what, MAPPER, MAX_DOCUMENT_CHARS);
    }

    /** Parses strict UTF-8 bytes of a request body holding one JSON object, of at most {@value #MAX_BODY_CHARS}. */
    static ObjectNode parseBody(byte[] utf8, String what) throws JsonException {
        return parseObject(decode(utf8, what), what, BODY_MAPPER, MAX_BODY_CHARS);
    }

    private static String decode(byte[] utf8, String what) throws JsonException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JsonException(StrictJson.Problem.NOT_UTF8, what + " is not valid UTF-8");
        }
    }

    private static ObjectNode parseObject(String text, String what, ObjectMapper mapper, int maxChars)
            throws JsonException {
        if (text.length() > maxChars) {
            throw new JsonException(StrictJson.Problem.TOO_LONG, what + " is longer than " + maxChars + " characters");
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JsonException(StrictJson.Problem.of(e), what + " is not valid JSON: " + describe(e));
        }
        if (node == null || !node.isObject()) {
            throw new JsonException(StrictJson.Problem.NOT_AN_OBJECT, what + " is not a JSON object");
        }
        if (!allFinite(node)) {
            // Jackson reads 1e400 as a double infinity, which it would write back as "Infinity"
            throw new JsonException(StrictJson.Problem.NON_FINITE_NUMBER, what + " holds a number beyond the range"
                    + " of a double (such as 1e400)");
        }
        return (ObjectNode) node;
    }

    /** Whether every number in the tree is finite. */
    private static boolean allFinite(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (!allFinite(child)) {
                return false;
            }
        }
        return true;
    }

    /** Jackson's message without its references to Jackson's own settings and types, with the position. */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage()
                .replaceAll(" \\([^()]*\\[Source:[^\\]]*\\]\\)", "")
                .replaceAll(", from `[^`]*`", "")
                .replaceAll(" \\(bound as `[^`]*`\\)", "")
                .replaceAll(": not allowed as per `[^`]*`", "");
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return Texts.clip(message, 200) + where;
    }

    static ObjectNode newObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Compact UTF-8 JSON of a tree built or validated here. */
    static byte[] toBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static String toText(JsonNode node) {
        return new String(toBytes(node), StandardCharsets.UTF_8);
    }

    /** Nesting depth of containers: a scalar is 0, {@code {}} is 1, {@code {"a":[]}} is 2. */
    static int depth(JsonNode node) {
        int deepestChild = 0;
        for (JsonNode child : node) {
            deepestChild = Math.max(deepestChild, depth(child));
        }
        return node.isContainerNode() ? deepestChild + 1 : 0;
    }
}
