package org.seedplan.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Peers written AET@HOST:PORT: the parts, and one clear message for each way of getting it wrong. */
class AeAddressTest {

    @Test
    void parsesTitleHostAndPort() {
        assertThat(AeAddress.parse("ORTHANC@127.0.0.1:4242")).isEqualTo(new AeAddress("ORTHANC", "127.0.0.1", 4242));
        assertThat(AeAddress.parse("PACS@[::1]:104")).isEqualTo(new AeAddress("PACS", "::1", 104));
    }

    @Test
    void malformedPeersNameTheFieldAndTheForm() {
        assertThatThrownBy(() -> AeAddress.parse("127.0.0.1:4242")).hasMessageContaining("AET@HOST:PORT");
        assertThatThrownBy(() -> AeAddress.parse("PACS@host")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> AeAddress.parse("PACS@host:http")).hasMessageContaining("port 'http' is not a number");
        assertThatThrownBy(() -> AeAddress.parse("PACS@host:70000")).hasMessageContaining("port must be 1 to 65535");
        assertThatThrownBy(() -> AeAddress.parse("A_TITLE_LONGER_THAN_16@host:104")).hasMessageContaining("at most 16");
        assertThatThrownBy(() -> AeAddress.parse("BAD\\AE@host:104")).hasMessageContaining("printable ASCII");
    }
}
