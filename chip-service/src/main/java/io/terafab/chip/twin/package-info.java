/** The service's one model instance, its settings, and its snapshot form. */
package io.terafab.chip.twin;
