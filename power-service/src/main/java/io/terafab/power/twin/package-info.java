/** The service's one grid model instance, its settings, its snapshot form and its gauges. */
package io.terafab.power.twin;
