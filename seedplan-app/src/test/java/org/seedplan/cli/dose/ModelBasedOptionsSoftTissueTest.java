package org.seedplan.cli.dose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** --soft-tissue: TG-186's mean soft tissue of the CT's Patient Sex unless given; a given one wins and is checked. */
class ModelBasedOptionsSoftTissueTest {

    @Test
    void withoutTheOptionTheCtsPatientSexChooses() {
        ModelBasedOptions o = new ModelBasedOptions();
        assertThat(o.softTissue("F")).isEqualTo("mean-female-soft-tissue");
        assertThat(o.softTissue("M")).isEqualTo("mean-male-soft-tissue");
        assertThat(o.softTissue("")).isEqualTo("mean-male-soft-tissue");
    }

    @Test
    void aGivenSoftTissueWinsOverThePatientsSexAndIsChecked() {
        ModelBasedOptions o = new ModelBasedOptions();
        o.softTissue = "Mean-Male-Soft-Tissue";
        assertThat(o.softTissue("F")).isEqualTo("mean-male-soft-tissue");
        o.softTissue = "tumour";
        assertThatThrownBy(() -> o.softTissue("F")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--soft-tissue 'tumour'").hasMessageContaining("mean-female-soft-tissue");
    }
}
