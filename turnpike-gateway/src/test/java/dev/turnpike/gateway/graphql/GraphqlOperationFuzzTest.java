package dev.turnpike.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Coverage-guided fuzzing (Jazzer) of GraphQL operation selection, fed request bodies: each input is read as a JSON
 * body and as an {@code application/graphql} one. Only {@link GraphqlRequestException} may escape; every operation
 * selected from a document is one it defines (its name among the document's operations, by graphql-java's own
 * unlimited parse). Seeds (the forms of {@link GraphqlRequestReaderTest}):
 * {@code GraphqlOperationFuzzTestInputs/select/}; see docs/fuzzing.md.
 */
class GraphqlOperationFuzzTest {

    private static final GraphqlRequestReader reader = new GraphqlRequestReader(
            new OperationSelector(65_536, 5_000, 200));

    @FuzzTest
    void select(byte[] body) {
        try {
            reader.read(null, null, "application/json", body);
        } catch (GraphqlRequestException expected) {
            // refused with its reason: the gateway answers 400
        }
        List<SelectedOperation> selected;
        try {
            selected = reader.read(null, null, "application/graphql", body);
        } catch (GraphqlRequestException expected) {
            return;
        }
        String document = new String(body, StandardCharsets.UTF_8);
        List<String> defined = Parser.parse(document).getDefinitionsOfType(OperationDefinition.class).stream()
                .map(OperationDefinition::getName).toList();
        assertThat(selected).singleElement().satisfies(op -> {
            assertThat(defined).contains(op.name());
            assertThat(op.rootFields()).allSatisfy(Objects::requireNonNull);
        });
    }
}
