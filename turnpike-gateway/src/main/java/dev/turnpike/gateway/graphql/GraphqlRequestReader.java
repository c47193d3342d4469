package dev.turnpike.gateway.graphql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the GraphQL a request carries, in the forms servers take (GraphQL over HTTP): a JSON body
 * {@code {"query", "operationName", "variables"}}, a batched JSON array of those, an {@code application/graphql}
 * body, or the URL's {@code query} and {@code operationName} parameters; and answers every operation it may run.
 * Where servers differ, it is strict or takes every reading: GraphQL in both the URL and the body is refused (some
 * servers prefer one, some the other); an {@code operationName} in the URL beside a JSON body is one more
 * candidate; duplicate JSON members, trailing data and bytes that are not UTF-8 are refused; a JSON request without
 * {@code query}, or with a member naming a stored document ({@code documentId}, {@code id}, {@code queryId},
 * {@code doc_id}: a persisted query, whose text the gateway cannot see and which some servers run instead of
 * {@code query}) is refused. Thread-safe.
 */
public final class GraphqlRequestReader {

    /** The most requests in one batched array. */
    public static final int MAX_BATCH = 100;
    private static final int MAX_JSON_DEPTH = 64;
    /** Members that name a stored document, which some servers run instead of {@code query}. */
    private static final List<String> STORED_DOCUMENT = List.of("documentId", "id", "queryId", "doc_id");
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final OperationSelector selector;

    public GraphqlRequestReader(OperationSelector selector) {
        this.selector = selector;
    }

    /**
     * The operations the request runs (one, or one per element of a batch).
     *
     * @param urlQuery         the URL's {@code query} parameter, or null
     * @param urlOperationName the URL's {@code operationName} parameter, or null
     * @param contentType      the {@code Content-Type} header, or null
     * @param body             the request body, possibly empty
     */
    public List<SelectedOperation> read(String urlQuery, String urlOperationName, String contentType, byte[] body)
            throws GraphqlRequestException {
        if (body.length == 0) {
            if (urlQuery == null) {
                throw new GraphqlRequestException(GraphqlRequestException.NO_OPERATION,
                        "no GraphQL query: send one in the body or as the URL's query parameter");
            }
            return List.of(selector.select(urlQuery, urlOperationName));
        }
        if (urlQuery != null) {
            throw unparsable("GraphQL in both the URL's query parameter and the body: send it in one");
        }
        return switch (mediaType(contentType)) {
            case "application/graphql" -> List.of(selector.select(utf8(body), urlOperationName));
            case "application/json" -> json(utf8(body), urlOperationName);
            default -> throw unparsable("a GraphQL body must be application/json or application/graphql");
        };
    }

    private List<SelectedOperation> json(String text, String urlOperationName) throws GraphqlRequestException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw unparsable("the body is not valid JSON");
        }
        List<SelectedOperation> out = new ArrayList<>();
        if (root != null && root.isArray()) {
            if (root.isEmpty() || root.size() > MAX_BATCH) {
                throw unparsable("a batch must hold 1 to " + MAX_BATCH + " requests, had " + root.size());
            }
            for (JsonNode element : root) {
                one(element, urlOperationName, out);
            }
        } else {
            one(root, urlOperationName, out);
        }
        return out;
    }

    /** Adds the operations one JSON request may run: by its own operationName and by the URL's. */
    private void one(JsonNode request, String urlOperationName, List<SelectedOperation> out)
            throws GraphqlRequestException {
        if (request == null || !request.isObject()) {
            throw unparsable("a GraphQL request must be a JSON object {\"query\": …} or an array of them");
        }
        JsonNode query = request.get("query");
        if (query == null || query.isNull() || STORED_DOCUMENT.stream().anyMatch(request::has)) {
            throw new GraphqlRequestException(GraphqlRequestException.NO_OPERATION,
                    "no query in the request (persisted queries cannot be checked here)");
        }
        JsonNode name = request.get("operationName");
        if (!query.isTextual() || (name != null && !name.isNull() && !name.isTextual())) {
            throw unparsable("query must be a string, operationName a string or null");
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(name == null || name.isNull() ? null : name.textValue());
        if (urlOperationName != null) {
            names.add(urlOperationName);
        }
        for (String n : names) {
            out.add(selector.select(query.textValue(), n));
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String utf8(byte[] body) throws GraphqlRequestException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw unparsable("the body is not UTF-8");
        }
    }

    private static GraphqlRequestException unparsable(String message) {
        return new GraphqlRequestException(GraphqlRequestException.UNPARSABLE, message);
    }
}
