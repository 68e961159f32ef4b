package io.terafab.sensors.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terafab.sensors.generator.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest {

    @Test
    void readsTheCatalogRecordAsJson() {
        Catalog c = new CatalogFile(Path.of("src/test/resources/test-catalog.json")).load(Catalog.EMPTY);
        assertThat(c.tools()).hasSize(13);
        assertThat(c.power().assetIds()).containsExactly("grid", "gt-1", "gt-2", "solar-1", "bess-1");
        assertThat(c.installedCount()).isEqualTo(144);
        assertThat(c.retired()).containsExactly("TX1-00000005");
    }

    @Test
    void aMissingOrMisspeltFileIsUnavailableWithTheReason(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> new CatalogFile(dir.resolve("none.json")).load(Catalog.EMPTY))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("none.json");
        Path misspelt = Files.writeString(dir.resolve("misspelt.json"), "{\"toolz\": []}");
        assertThatThrownBy(() -> new CatalogFile(misspelt).load(Catalog.EMPTY))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("toolz");
    }
}
