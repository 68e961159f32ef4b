/**
 * The campus grid model in plain Java: sources (the grid connection, gas turbines, solar plants),
 * batteries, the base load and the consumers; the priority policy that turns available supply into
 * budgets, the merit-order dispatch that sets the sources, meter readings that override the model,
 * and energy, cost and carbon accounting per load. Knows nothing of Kafka or HTTP.
 */
package io.terafab.power.domain;
