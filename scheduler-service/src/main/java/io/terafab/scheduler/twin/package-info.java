/** The service's one cluster model, its settings, its snapshot form and its metrics. */
package io.terafab.scheduler.twin;
