package dev.turnpike.gateway.graphql;

import graphql.GraphQLException;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.parser.exceptions.ParseCancelledTooManyNumericLiteralCharactersException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks the operation a GraphQL document runs and the root fields it selects, with graphql-java's parser under
 * limits (characters, tokens, rule depth). As a server would: by {@code operationName}, or the only operation when
 * none is named (several without a name: refused); a name no operation has is refused. Root fields are counted as
 * the server could run them: aliases are ignored ({@code t: transferGateway} is {@code transferGateway}), fragment
 * spreads and inline fragments at the root are expanded whatever their type condition and directives (a
 * {@code @skip} may be a variable). Anything but operations and fragments, or fragment and operation names given
 * twice, make the document invalid, as in every server: refused rather than guessed at. Thread-safe.
 */
public final class OperationSelector {

    private final ParserOptions options;

    /**
     * @param maxCharacters the longest document
     * @param maxTokens     the most grammar tokens (names, punctuation, values) in a document
     * @param maxDepth      the deepest nesting of grammar rules (selection sets, values, lists)
     */
    public OperationSelector(int maxCharacters, int maxTokens, int maxDepth) {
        this.options = ParserOptions.newParserOptions()
                .captureSourceLocation(false)
                .captureIgnoredChars(false)
                .captureLineComments(false)
                .maxCharacters(maxCharacters)
                .maxTokens(maxTokens)
                .maxRuleDepth(maxDepth)
                .redactTokenParserErrorMessages(true)
                .build();
    }

    /** The operation {@code document} runs when asked for {@code operationName} (null: none named). */
    public SelectedOperation select(String document, String operationName) throws GraphqlRequestException {
        Document doc = parse(document);
        Map<String, OperationDefinition> named = new HashMap<>();
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        OperationDefinition only = null;
        int operations = 0;
        for (Definition<?> d : doc.getDefinitions()) {
            switch (d) {
                case OperationDefinition op -> {
                    operations++;
                    only = op;
                    if (op.getName() != null && named.put(op.getName(), op) != null) {
                        throw invalid("the operation " + op.getName() + " is defined twice");
                    }
                }
                case FragmentDefinition f -> {
                    if (fragments.put(f.getName(), f) != null) {
                        throw invalid("the fragment " + f.getName() + " is defined twice");
                    }
                }
                default -> throw invalid("a request document holds only operations and fragments");
            }
        }
        OperationDefinition chosen;
        if (operationName != null) {
            chosen = named.get(operationName);
            if (chosen == null) {
                throw new GraphqlRequestException(GraphqlRequestException.NO_OPERATION,
                        "the document has no operation named " + quote(operationName));
            }
        } else if (operations == 1) {
            chosen = only;
        } else {
            throw new GraphqlRequestException(GraphqlRequestException.NO_OPERATION, operations == 0
                    ? "the document has no operation"
                    : "the document has " + operations + " operations: say which with operationName");
        }
        return new SelectedOperation(chosen.getName(), type(chosen), rootFields(chosen.getSelectionSet(), fragments));
    }

    private Document parse(String document) throws GraphqlRequestException {
        try {
            return Parser.parse(ParserEnvironment.newParserEnvironment()
                    .document(document)
                    .parserOptions(options)
                    .locale(Locale.ROOT)
                    .build());
        } catch (ParseCancelledException | ParseCancelledTooDeepException | ParseCancelledTooManyCharsException
                | ParseCancelledTooManyNumericLiteralCharactersException e) {
            throw new GraphqlRequestException(GraphqlRequestException.TOO_COMPLEX,
                    "the GraphQL document is beyond the gateway's limits: " + e.getMessage());
        } catch (InvalidSyntaxException e) {
            throw invalid("the GraphQL document is not valid: " + e.getMessage());
        } catch (GraphQLException e) {
            // e.g. a string literal with an invalid escape: graphql-java's AssertException
            throw invalid("the GraphQL document is not valid");
        }
    }

    /** The names of the fields at the root, spreads and inline fragments expanded (each fragment once). */
    private static Set<String> rootFields(SelectionSet root, Map<String, FragmentDefinition> fragments)
            throws GraphqlRequestException {
        Set<String> fields = new LinkedHashSet<>();
        Set<String> expanded = new HashSet<>();
        ArrayDeque<SelectionSet> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            for (Selection<?> s : pending.pop().getSelections()) {
                switch (s) {
                    case Field f -> fields.add(f.getName());
                    case InlineFragment inline -> pending.push(inline.getSelectionSet());
                    case FragmentSpread spread -> {
                        FragmentDefinition f = fragments.get(spread.getName());
                        if (f == null) {
                            throw invalid("the fragment " + spread.getName() + " is not defined");
                        }
                        if (expanded.add(f.getName())) {
                            pending.push(f.getSelectionSet());
                        }
                    }
                    default -> throw invalid("unknown selection");
                }
            }
        }
        return fields;
    }

    private static OperationType type(OperationDefinition op) {
        return switch (op.getOperation()) {
            case QUERY -> OperationType.QUERY;
            case MUTATION -> OperationType.MUTATION;
            case SUBSCRIPTION -> OperationType.SUBSCRIPTION;
        };
    }

    private static GraphqlRequestException invalid(String message) {
        return new GraphqlRequestException(GraphqlRequestException.UNPARSABLE, message);
    }

    static String quote(String s) {
        String shown = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
