/**
 * Which GraphQL operation a request runs, and the root fields it selects, read with graphql-java's parser only (no
 * schema, no execution): {@link dev.turnpike.gateway.graphql.GraphqlRequestReader} takes the forms a request
 * carries GraphQL in (a JSON body, a batched JSON array, an {@code application/graphql} body, the URL's
 * {@code query} parameter) and {@link dev.turnpike.gateway.graphql.OperationSelector} picks the operation and
 * resolves fragments and aliases to the fields it runs. Pure: no Netty, no I/O; everything it refuses is a
 * {@link dev.turnpike.gateway.graphql.GraphqlRequestException}.
 */
package dev.turnpike.gateway.graphql;
