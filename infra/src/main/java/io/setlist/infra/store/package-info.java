/** Reading published runs from DynamoDB: always the run the pointer names, never half of one. */
package io.setlist.infra.store;
