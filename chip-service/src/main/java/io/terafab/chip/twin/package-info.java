/** The service's one model instance, its settings, its metrics and its snapshot form. */
package io.terafab.chip.twin;
