/** The one twin clock: simulated time derived from an epoch, a wall-clock anchor and a speed factor. */
package io.terafab.platform.clock;
