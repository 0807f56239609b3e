/** Writing a run to DynamoDB: batched, retried item writes, the pointer flip that makes a run current, and cleanup of old runs. */
package io.setlist.infra.publish;
