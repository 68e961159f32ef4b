/**
 * The operators' view, proven: Grafana dashboards and Prometheus alert rules from {@code deploy/},
 * their conventions, and every dashboard query evaluated by a real Prometheus scraping the twin;
 * and the integrators' tool ({@code deploy/twin publish}, {@code dlq}) run as a user runs it.
 */
package io.terafab.ops;
