package org.seedplan.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** DIMSE command sets: PS3.7 §E.1 encoding, and malformed ones refused. */
class CommandTest {

    @Test
    void commandSetRoundTripsInImplicitLittleEndianWithGroupLengthFirst() {
        byte[] b = Command.of(Command.C_ECHO_RQ).putUid(Command.AFFECTED_SOP_CLASS_UID, DicomNode.VERIFICATION)
                .putUs(Command.MESSAGE_ID, 7).putUs(Command.COMMAND_DATA_SET_TYPE, Command.NO_DATA_SET).encode();
        // (0000,0000) UL 4, value = bytes after it (PS3.7 §E.1)
        assertThat(b[0] | b[1] | b[2] | b[3]).isZero();
        assertThat(b[4]).isEqualTo((byte) 4);
        assertThat((b[8] & 0xFF) | (b[9] & 0xFF) << 8).isEqualTo(b.length - 12);
        Command c = Command.decode(b);
        assertThat(c.commandField()).isEqualTo(Command.C_ECHO_RQ);
        assertThat(c.us(Command.MESSAGE_ID)).isEqualTo(7);
        assertThat(c.string(Command.AFFECTED_SOP_CLASS_UID)).isEqualTo(DicomNode.VERIFICATION);
        assertThat(c.hasDataSet()).isFalse();
    }

    @Test
    void malformedCommandSetsAreRefused() {
        assertThatThrownBy(() -> Command.decode(new byte[] {0, 0, 0, 0, 4, 0})).hasMessageContaining("element header");
        assertThatThrownBy(() -> Command.decode(new byte[] {0, 0, 0, 1, 100, 0, 0, 0})).hasMessageContaining("declares 100 bytes");
        assertThatThrownBy(() -> Command.decode(new byte[] {8, 0, 0x18, 0, 0, 0, 0, 0})).hasMessageContaining("outside group 0000");
    }
}
