/**
 * The records every stage of the processors builds the same way: an audit event about a request,
 * the base of a request's final response, and the final reply for its waiting requester. One
 * place, so that the gateway's rejections and the invoker's outcomes cannot drift apart.
 *
 * <p>Pure functions of their arguments: nothing here reads a clock, logs, or puts prompt text
 * into an audit event.
 */
package io.sluice.processors.records;
