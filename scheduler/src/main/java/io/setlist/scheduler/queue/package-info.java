/**
 * Asynchronous predictions: the durable RabbitMQ queue of prediction requests and its dead letters, the API's side
 * (accept, status, backlog) and each node's broker and workers.
 */
package io.setlist.scheduler.queue;
