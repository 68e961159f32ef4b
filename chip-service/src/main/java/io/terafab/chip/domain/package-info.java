/** The inventory model in plain Java: SKUs, stock, installs, lineage. Knows nothing of Kafka or HTTP. */
package io.terafab.chip.domain;
