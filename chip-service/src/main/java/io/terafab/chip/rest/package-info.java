/** REST views of the inventory for operators. */
package io.terafab.chip.rest;
