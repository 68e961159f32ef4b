/** Embodied energy and carbon of chips: the fab's share per lot, per die and per chip, plus packaging and test. Plain Java. */
package io.terafab.chip.domain.carbon;
