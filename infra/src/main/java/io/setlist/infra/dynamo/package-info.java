/** DynamoDB clients and the table layout (names, keys, TTL) that publishing and reading share. */
package io.setlist.infra.dynamo;
