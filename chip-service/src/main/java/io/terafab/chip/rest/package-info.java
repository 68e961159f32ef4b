/** REST for operators: inventory by SKU and state, lineage both ways, requests, and the disposal of failed accelerators. */
package io.terafab.chip.rest;
