/**
 * Plumbing shared by the four services: the CloudEvents envelope and inbound gate, the twin clock,
 * and the snapshot mechanism for state that survives restarts. No domain code lives here.
 */
package io.terafab.platform;
