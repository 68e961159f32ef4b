/** The service's one grid model instance, its configuration with documented defaults, its snapshot form and its meters. */
package io.terafab.power.twin;
