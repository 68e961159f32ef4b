/** Meter conventions shared by all services: common tags. */
package io.terafab.platform.metrics;
