/** Token counting Sluice does itself (limits, estimates before a call, usage of aborted calls). */
package io.sluice.processors.tokens;
