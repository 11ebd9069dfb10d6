/**
 * The typed topic registry: every topic's name with its key and value serdes, and the specs to
 * create them. Built once from config and passed in; holds no mutable statics and creates no topics.
 */
package io.sluice.schemas.topic;
