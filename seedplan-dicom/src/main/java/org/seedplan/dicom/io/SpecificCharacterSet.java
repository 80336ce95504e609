package org.seedplan.dicom.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the DICOM Specific Character Set (0008,0005) to a Java charset (PS3.3 C.12.1.1.2).
 * ISO_IR 100 (Latin-1) and ISO_IR 192 (UTF-8) are the supported sets; the other single-byte
 * ISO 8859 sets and GB18030/GBK are mapped too. ISO 2022 code extensions are not interpreted: such
 * text is decoded as its first (default) set, which keeps ASCII names readable.
 */
final class SpecificCharacterSet {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("ISO_IR 6", "ISO-8859-1"), Map.entry("ISO_IR 100", "ISO-8859-1"),
            Map.entry("ISO_IR 101", "ISO-8859-2"), Map.entry("ISO_IR 109", "ISO-8859-3"),
            Map.entry("ISO_IR 110", "ISO-8859-4"), Map.entry("ISO_IR 144", "ISO-8859-5"),
            Map.entry("ISO_IR 127", "ISO-8859-6"), Map.entry("ISO_IR 126", "ISO-8859-7"),
            Map.entry("ISO_IR 138", "ISO-8859-8"), Map.entry("ISO_IR 148", "ISO-8859-9"),
            Map.entry("ISO_IR 203", "ISO-8859-15"), Map.entry("ISO_IR 166", "TIS-620"),
            Map.entry("ISO_IR 192", "UTF-8"), Map.entry("GB18030", "GB18030"), Map.entry("GBK", "GBK"));

    private SpecificCharacterSet() {
    }

    /** The charset for the given values of Specific Character Set; Latin-1 when absent or unknown. */
    static Charset of(List<String> values) {
        for (String v : values) {
            String key = v.trim().toUpperCase(Locale.ROOT).replace("ISO 2022 IR ", "ISO_IR ");
            String name = NAMES.get(key);
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return StandardCharsets.ISO_8859_1;
    }
}
