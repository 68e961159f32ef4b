/**
 * The grid model in plain Java: supply, base load, consumers in priority order, and the budgets
 * each tick issues. Knows nothing of Kafka or HTTP.
 */
package io.terafab.power.domain;
