/** The service's one fab (the default Terafab fab on the discrete-event engine), its settings, its snapshot form and its gauges. */
package io.terafab.fab.twin;
