/** The chip-service benchmark behind {@code bench/run chip}: not a test, run by the bench script. */
package io.terafab.chip.bench;
