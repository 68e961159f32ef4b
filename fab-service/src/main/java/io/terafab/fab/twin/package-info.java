/** The service's one fab line, its settings, its snapshot form and its gauges. */
package io.terafab.fab.twin;
