/**
 * The operators' view, proven: Grafana dashboards and Prometheus alert rules from {@code deploy/},
 * their conventions, and every dashboard query evaluated by a real Prometheus scraping the twin.
 */
package io.terafab.ops;
