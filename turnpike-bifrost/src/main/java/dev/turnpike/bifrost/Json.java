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
 * lengths), duplicate keys refused, trailing content refused, strict UTF-8. Parsing is done from a
 * {@code String}, so no I/O type is involved.
 */
final class Json {
    /** Longest JSON text accepted anywhere (a whole JWS is at most 8 KiB of base64url). */
    static final int MAX_DOCUMENT_CHARS = 8192;
    /** Deepest nesting accepted by the reader; attributes have their own, lower limit. */
    static final int MAX_NESTING_DEPTH = 16;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_DOCUMENT_CHARS)
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_DOCUMENT_CHARS)
                            .maxNameLength(256)
                            .maxNumberLength(32)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /** A JSON syntax or bounds problem; the message names what was being read. Stackless. */
    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses strict UTF-8 bytes holding one JSON object. */
    static ObjectNode parseObject(byte[] utf8, String what) throws JsonException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JsonException(what + " is not valid UTF-8");
        }
        return parseObject(text, what);
    }

    /** Parses text holding one JSON object. */
    static ObjectNode parseObject(String text, String what) throws JsonException {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new JsonException(what + " is longer than " + MAX_DOCUMENT_CHARS + " characters");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JsonException(what + " is not valid JSON: " + describe(e));
        }
        if (node == null || !node.isObject()) {
            throw new JsonException(what + " is not a JSON object");
        }
        return (ObjectNode) node;
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
