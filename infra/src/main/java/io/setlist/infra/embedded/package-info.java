/** The embedded DynamoDB-compatible server (dynalite) Setlist starts when no endpoint is configured. */
package io.setlist.infra.embedded;
