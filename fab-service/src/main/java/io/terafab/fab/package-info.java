/** fab-service: the fab line twin, from wafer starts to wafer-outs, under the power budget of the campus grid. */
package io.terafab.fab;
