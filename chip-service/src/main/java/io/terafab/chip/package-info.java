/** chip-service: the chip inventory twin, from wafer-outs to accelerators installed in the cluster. */
package io.terafab.chip;
