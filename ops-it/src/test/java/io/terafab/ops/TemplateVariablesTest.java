package io.terafab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateVariablesTest {

    private final TemplateVariables variables = TemplateVariables.of(Map.of("site", "terafab-1", "sku", "TFA-1-bin1"));

    @Test
    void everySyntaxOfAVariableIsReplacedByItsValue() {
        assertThat(variables.substitute(
                        "x{site=~\"$site\"} + y{site=\"${site}\"} + z{site=\"${site:regex}\"} + w{site=\"[[site]]\"}"))
                .isEqualTo(
                        "x{site=~\"terafab-1\"} + y{site=\"terafab-1\"} + z{site=\"terafab-1\"} + w{site=\"terafab-1\"}");
    }

    @Test
    void grafanaIntervalVariablesGetAFixedWindow() {
        assertThat(variables.substitute("rate(x[$__rate_interval]) + rate(y[$__interval]) + increase(z[$__range])"))
                .isEqualTo("rate(x[1m]) + rate(y[1m]) + increase(z[30m])");
    }

    @Test
    void aNameThatIsAPrefixOfAnotherDoesNotCaptureIt() {
        TemplateVariables prefixed = TemplateVariables.of(Map.of("s", "short", "site", "long"));
        assertThat(prefixed.substitute("$site $s")).isEqualTo("long short");
    }

    @Test
    void aDollarThatNamesNoVariableStaysAsWritten() {
        String expr = "label_replace(up, \"svc\", \"$1\", \"service\", \"(.*)-service\")";
        assertThat(variables.substitute(expr)).isEqualTo(expr);
    }
}
