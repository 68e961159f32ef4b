/** Readiness that reflects the twin state, next to the Kafka channel checks SmallRye provides. */
package io.terafab.platform.health;
