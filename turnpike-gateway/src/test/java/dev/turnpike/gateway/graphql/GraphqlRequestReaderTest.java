package dev.turnpike.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphqlRequestReaderTest {

    private static final String JSON = "application/json";
    private final GraphqlRequestReader reader = new GraphqlRequestReader(new OperationSelector(65_536, 1_000, 50));

    private List<SelectedOperation> json(String body) throws GraphqlRequestException {
        return reader.read(null, null, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String request(String query) {
        return "{\"query\": \"" + query.replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
    }

    private SelectedOperation one(String query) throws GraphqlRequestException {
        List<SelectedOperation> ops = json(request(query));
        assertThat(ops).hasSize(1);
        return ops.get(0);
    }

    private static void refused(ThrowingRead read, String reason) {
        assertThatThrownBy(read::run).isInstanceOf(GraphqlRequestException.class)
                .extracting(e -> ((GraphqlRequestException) e).reason()).isEqualTo(reason);
    }

    @FunctionalInterface
    interface ThrowingRead {
        Object run() throws Exception;
    }

    @Test
    void shorthandQueryHasItsRootFields() throws Exception {
        SelectedOperation op = one("{ sites { id } __typename }");
        assertThat(op.type()).isEqualTo(OperationType.QUERY);
        assertThat(op.name()).isNull();
        assertThat(op.rootFields()).containsExactlyInAnyOrder("sites", "__typename");
    }

    @Test
    void aliasIsTheFieldItNames() throws Exception {
        SelectedOperation op = one("mutation { t: transferGateway(gatewayId: \"g\", to: \"w\") { ok } }");
        assertThat(op.type()).isEqualTo(OperationType.MUTATION);
        assertThat(op.rootFields()).containsExactly("transferGateway");
    }

    @Test
    void fragmentSpreadsAndInlineFragmentsAreExpanded() throws Exception {
        assertThat(one("mutation { ...F } fragment F on Mutation { ...G } fragment G on Mutation { transferGateway }")
                .rootFields()).containsExactly("transferGateway");
        assertThat(one("mutation { ... on Mutation { ... @skip(if: true) { transferGateway } } }").rootFields())
                .containsExactly("transferGateway");
    }

    @Test
    void fragmentCyclesEndAndUndefinedFragmentsAreRefused() throws Exception {
        assertThat(one("mutation { ...A } fragment A on Mutation { ...B x } fragment B on Mutation { ...A }")
                .rootFields()).containsExactly("x");
        refused(() -> one("mutation { ...Missing }"), GraphqlRequestException.UNPARSABLE);
    }

    @Test
    void commentsHideNothingAndFakeNothing() throws Exception {
        assertThat(one("# mutation { transferGateway }\n{ sites { id } }").rootFields()).containsExactly("sites");
        SelectedOperation op = one("mutation # { sites }\n { transferGateway # }\n }");
        assertThat(op.rootFields()).containsExactly("transferGateway");
    }

    @Test
    void operationNameChoosesAmongSeveral() throws Exception {
        String doc = "query Read { sites { id } } mutation Move { transferGateway }";
        String body = "{\"query\": \"" + doc + "\", \"operationName\": \"Move\"}";
        assertThat(json(body)).singleElement().satisfies(op -> {
            assertThat(op.name()).isEqualTo("Move");
            assertThat(op.rootFields()).containsExactly("transferGateway");
        });
        refused(() -> json(request(doc)), GraphqlRequestException.NO_OPERATION);
        refused(() -> json("{\"query\": \"" + doc + "\", \"operationName\": \"Other\"}"),
                GraphqlRequestException.NO_OPERATION);
    }

    @Test
    void aUrlOperationNameBesideAJsonBodyIsOneMoreCandidate() throws Exception {
        String body = "{\"query\": \"query Read { sites { id } } mutation Move { transferGateway }\","
                + " \"operationName\": \"Read\"}";
        assertThat(reader.read(null, "Move", JSON, body.getBytes(StandardCharsets.UTF_8)))
                .extracting(SelectedOperation::name).containsExactly("Read", "Move");
    }

    @Test
    void batchesAnswerEveryElement() throws Exception {
        List<SelectedOperation> ops = json("[" + request("{ sites { id } }") + ", "
                + request("mutation { transferGateway }") + "]");
        assertThat(ops).extracting(SelectedOperation::type).containsExactly(OperationType.QUERY, OperationType.MUTATION);
        refused(() -> json("[]"), GraphqlRequestException.UNPARSABLE);
        refused(() -> json("[1]"), GraphqlRequestException.UNPARSABLE);
    }

    @Test
    void urlAndGraphqlBodyForms() throws Exception {
        assertThat(reader.read("mutation { transferGateway }", null, null, new byte[0]))
                .singleElement().extracting(SelectedOperation::type).isEqualTo(OperationType.MUTATION);
        assertThat(reader.read(null, "B", "application/graphql; charset=utf-8",
                "query A { a } query B { b }".getBytes(StandardCharsets.UTF_8)))
                .singleElement().extracting(SelectedOperation::rootFields).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.COLLECTION).containsExactly("b");
    }

    @Test
    void ambiguousOrUncheckableRequestsAreRefused() {
        byte[] body = request("{ a }").getBytes(StandardCharsets.UTF_8);
        refused(() -> reader.read("{ a }", null, JSON, body), GraphqlRequestException.UNPARSABLE);
        refused(() -> reader.read(null, null, null, new byte[0]), GraphqlRequestException.NO_OPERATION);
        refused(() -> reader.read(null, null, "text/plain", body), GraphqlRequestException.UNPARSABLE);
        refused(() -> json("{\"extensions\": {\"persistedQuery\": {\"sha256Hash\": \"ab\"}}}"),
                GraphqlRequestException.NO_OPERATION);
        refused(() -> json("{\"query\": \"{ a }\", \"documentId\": \"sha256:ab\"}"),
                GraphqlRequestException.NO_OPERATION);
        refused(() -> json("{\"query\": \"{ a }\", \"query\": \"mutation { transferGateway }\"}"),
                GraphqlRequestException.UNPARSABLE);
        refused(() -> json(request("{ a }") + " trailing"), GraphqlRequestException.UNPARSABLE);
        refused(() -> json("{\"query\": 1}"), GraphqlRequestException.UNPARSABLE);
        refused(() -> reader.read(null, null, JSON, new byte[] {'{', (byte) 0xff, '}'}),
                GraphqlRequestException.UNPARSABLE);
    }

    @Test
    void invalidDocumentsAreRefused() {
        refused(() -> one("mutation { transferGateway"), GraphqlRequestException.UNPARSABLE);
        refused(() -> one("type Mutation { transferGateway: Boolean } { a }"), GraphqlRequestException.UNPARSABLE);
        refused(() -> one("query A { a } query A { b }"), GraphqlRequestException.UNPARSABLE);
        refused(() -> one("fragment F on Query { a }"), GraphqlRequestException.NO_OPERATION);
    }

    @Test
    void limitsAreTooComplex() {
        refused(() -> one("{ " + "a ".repeat(1_200) + "}"), GraphqlRequestException.TOO_COMPLEX);
        refused(() -> one("{ a".repeat(200) + " }".repeat(200)), GraphqlRequestException.TOO_COMPLEX);
        refused(() -> new OperationSelector(10, 1_000, 50).select("{ sites { id } }", null),
                GraphqlRequestException.TOO_COMPLEX);
    }

    @Test
    void rootFieldsAreConfiguredAsOperationDotField() throws Exception {
        RootField transfer = RootField.parse("mutation.transferGateway");
        assertThat(transfer).hasToString("mutation.transferGateway");
        SelectedOperation op = one("mutation { x: transferGateway }");
        assertThat(RootField.firstSelected(List.of(transfer), op)).isEqualTo(transfer);
        assertThat(RootField.firstSelected(List.of(RootField.parse("mutation.*")), op)).isEqualTo(transfer);
        assertThat(RootField.firstSelected(List.of(RootField.parse("query.transferGateway")), op)).isNull();
        assertThatThrownBy(() -> RootField.parse("transferGateway")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RootField.parse("update.x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RootField.parse("mutation.1x")).isInstanceOf(IllegalArgumentException.class);
    }
}
